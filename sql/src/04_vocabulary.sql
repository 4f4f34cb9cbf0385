-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Reference vocabularies (La Coop de la médiation numérique's, so that figures fill
-- funders' reports directly). Sites may add their own terms.

CREATE TABLE atelier.vocabulary (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{0,63}$'),
    label_fr   atelier.label NOT NULL,
    label_en   atelier.label NOT NULL,
    extendable boolean NOT NULL DEFAULT true
);
COMMENT ON TABLE atelier.vocabulary IS
    'the reference lists: themes, places, equipment, ...; the ones not extendable name fixed codes the rules depend on (ticket states, attendance, report metrics) and only give them labels';

CREATE TABLE atelier.term (
    vocabulary text NOT NULL REFERENCES atelier.vocabulary,
    code       atelier.code NOT NULL,
    label_fr   atelier.label NOT NULL CHECK (pg_catalog.btrim(label_fr) <> ''),
    label_en   atelier.label NOT NULL CHECK (pg_catalog.btrim(label_en) <> ''),
    site_id    bigint REFERENCES atelier.site,
    position   integer NOT NULL DEFAULT 0,
    active     boolean NOT NULL DEFAULT true,
    builtin    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (vocabulary, code)
);
COMMENT ON TABLE atelier.term IS
    'one entry of a reference list, with its French and English labels; site_id NULL means the whole network, otherwise a term only that site uses';
SELECT pg_catalog.pg_extension_config_dump('atelier.term', 'WHERE NOT builtin');

INSERT INTO atelier.vocabulary (code, label_fr, label_en, extendable) VALUES
    ('ticket_state', 'État de la fiche',  'Ticket state',  false),
    ('attendance',   'Présence',          'Attendance',    false),
    ('metric',       'Indicateur',        'Figure',        false);
INSERT INTO atelier.vocabulary (code, label_fr, label_en) VALUES
    ('theme',         'Thématique',                 'Theme'),
    ('procedure',     'Démarche administrative',    'Administrative procedure'),
    ('place',         'Lieu d''accompagnement',      'Place of support'),
    ('autonomy',      'Autonomie',                  'Autonomy'),
    ('referral',      'Structure de réorientation', 'Referred to'),
    ('equipment',     'Matériel',                   'Equipment'),
    ('age_bracket',   'Tranche d''âge',              'Age bracket'),
    ('social_status', 'Statut',                     'Social status'),
    ('level',         'Niveau',                     'Level');

INSERT INTO atelier.term (vocabulary, position, code, label_fr, label_en) VALUES
    ('theme',  1, 'diagnostic',      'Diagnostic numérique',                'Digital skills assessment'),
    ('theme',  2, 'materiel',        'Prendre en main du matériel',         'Getting started with a device'),
    ('theme',  3, 'maintenance',     'Maintenance de matériel',             'Device maintenance'),
    ('theme',  4, 'contenus',        'Gérer ses contenus numériques',       'Managing digital content'),
    ('theme',  5, 'navigation',      'Navigation sur internet',             'Browsing the internet'),
    ('theme',  6, 'email',           'E-mail',                              'E-mail'),
    ('theme',  7, 'bureautique',     'Bureautique',                         'Office software'),
    ('theme',  8, 'reseaux_sociaux', 'Réseaux sociaux communication',       'Social media and communication'),
    ('theme',  9, 'sante',           'Santé',                               'Health'),
    ('theme', 10, 'banque_achats',   'Banque et achats en ligne',           'Online banking and shopping'),
    ('theme', 11, 'accompagner_pro', 'Accompagner un professionnel',        'Supporting a professional'),
    ('theme', 12, 'insertion_pro',   'Insertion professionnelle',           'Employment and job search'),
    ('theme', 13, 'securite',        'Prévention en sécurité numérique',    'Online safety'),
    ('theme', 14, 'parentalite',     'Parentalité',                         'Parenting'),
    ('theme', 15, 'scolarite',       'Scolarité et numérique',              'School and digital'),
    ('theme', 16, 'creer',           'Créer avec le numérique',             'Creating with digital tools'),
    ('theme', 17, 'culture',         'Culture numérique',                   'Digital culture'),
    ('theme', 18, 'ia',              'Intelligence artificielle (IA)',      'Artificial intelligence (AI)'),
    ('theme', 19, 'demarches',       'Aide aux démarches administratives',  'Help with administrative procedures'),
    ('procedure',  1, 'papiers',      'Papiers – Élections Citoyenneté',      'Identity papers – Elections – Citizenship'),
    ('procedure',  2, 'famille',      'Famille – Scolarité',                  'Family – Schooling'),
    ('procedure',  3, 'social_sante', 'Social – Santé',                       'Social welfare – Health'),
    ('procedure',  4, 'travail',      'Travail – Formation – Entreprise',     'Work – Training – Business'),
    ('procedure',  5, 'logement',     'Logement',                             'Housing'),
    ('procedure',  6, 'transports',   'Transports – Mobilité',                'Transport – Mobility'),
    ('procedure',  7, 'argent',       'Argent – Impôts',                      'Money – Taxes'),
    ('procedure',  8, 'justice',      'Justice',                              'Justice'),
    ('procedure',  9, 'etrangers',    'Étrangers – Europe',                   'Foreign nationals – Europe'),
    ('procedure', 10, 'loisirs',      'Loisirs – Sports Culture',             'Leisure – Sports – Culture'),
    ('procedure', 11, 'associations', 'Associations',                         'Associations'),
    ('place', 1, 'lieu_activite', 'Lieu d''activité', 'At our venue'),
    ('place', 2, 'domicile',      'À domicile',      'At home'),
    ('place', 3, 'distance',      'À distance',      'Remotely'),
    ('place', 4, 'autre_lieu',    'Autre lieu',      'Elsewhere'),
    ('autonomy', 1, 'guidage',          'Avec guidage',                           'With guidance'),
    ('autonomy', 2, 'autonome_guidage', 'Autonome avec guidage en cas de besoin', 'Autonomous, with help if needed'),
    ('autonomy', 3, 'autonome',         'Autonome',                               'Autonomous'),
    ('referral', 1, 'administration',  'Administration',                                              'Public administration'),
    ('referral', 2, 'mediation',       'Autre structure de médiation numérique',                      'Another digital-help venue'),
    ('referral', 3, 'operateur',       'Opérateur ou organisme en charge de la démarche',             'Body in charge of the procedure'),
    ('referral', 4, 'aide_sociale',    'Structure d''aide sociale',                                   'Social services'),
    ('referral', 5, 'insertion_pro',   'Structure d''insertion professionnelle',                      'Employment services'),
    ('referral', 6, 'aide_demarches',  'Structure d''aide aux démarches administratives (France Services…)', 'Help with procedures (France Services…)'),
    ('referral', 7, 'autre',           'Autre',                                                       'Other'),
    ('equipment', 1, 'ordinateur', 'Ordinateur',      'Computer'),
    ('equipment', 2, 'telephone',  'Téléphone',       'Phone'),
    ('equipment', 3, 'tablette',   'Tablette',        'Tablet'),
    ('equipment', 4, 'autre',      'Autre',           'Other'),
    ('equipment', 5, 'aucun',      'Pas de matériel', 'No device'),
    ('age_bracket', 1, 'moins_12', 'Moins de 12 ans', 'Under 12'),
    ('age_bracket', 2, '12_17',    '12–17 ans',       '12–17'),
    ('age_bracket', 3, '18_24',    '18–24 ans',       '18–24'),
    ('age_bracket', 4, '25_39',    '25–39 ans',       '25–39'),
    ('age_bracket', 5, '40_59',    '40–59 ans',       '40–59'),
    ('age_bracket', 6, '60_69',    '60–69 ans',       '60–69'),
    ('age_bracket', 7, '70_plus',  '70 ans et plus',  '70 and over'),
    ('age_bracket', 8, 'nc',       'Non communiqué',  'Not given'),
    ('social_status', 1, 'scolarise',   'Scolarisé',      'In education'),
    ('social_status', 2, 'sans_emploi', 'Sans emploi',    'Unemployed'),
    ('social_status', 3, 'en_emploi',   'En emploi',      'Employed'),
    ('social_status', 4, 'retraite',    'Retraité',       'Retired'),
    ('social_status', 5, 'nc',          'Non communiqué', 'Not given'),
    ('level', 1, 'debutant',      'Débutant',      'Beginner'),
    ('level', 2, 'intermediaire', 'Intermédiaire', 'Intermediate'),
    ('level', 3, 'avance',        'Avancé',        'Advanced');

INSERT INTO atelier.term (vocabulary, position, code, label_fr, label_en) VALUES
    ('ticket_state', 1, 'open',        'Ouverte',    'Open'),
    ('ticket_state', 2, 'in_progress', 'En cours',   'In progress'),
    ('ticket_state', 3, 'resolved',    'Résolue',    'Resolved'),
    ('ticket_state', 4, 'referred',    'Réorientée', 'Referred'),
    ('ticket_state', 5, 'abandoned',   'Abandonnée', 'Abandoned'),
    ('attendance', 1, 'present', 'Présent', 'Present'),
    ('attendance', 2, 'absent',  'Absent',  'Absent'),
    ('attendance', 3, 'excused', 'Excusé',  'Excused');

-- Everything above ships with the extension; pg_dump saves only the terms added since.
UPDATE atelier.term SET builtin = true;

-- Codes of the lists above that rules name, each written here once.
CREATE FUNCTION atelier.procedures_theme() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'demarches'::text
$$;
COMMENT ON FUNCTION atelier.procedures_theme() IS
    'the theme administrative procedures go with: a ticket names procedures only when its themes include it';

CREATE FUNCTION atelier.default_ticket_place() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'lieu_activite'::text
$$;
COMMENT ON FUNCTION atelier.default_ticket_place() IS
    'the place of a ticket when none is given (a code of the list place): at the venue';

CREATE FUNCTION atelier.label(p_vocabulary text, p_code text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE((SELECT CASE WHEN atelier.lang() = 'fr' THEN t.label_fr ELSE t.label_en END
                       FROM atelier.term t
                      WHERE t.vocabulary = p_vocabulary AND t.code = p_code), p_code)
$$;
COMMENT ON FUNCTION atelier.label(text, text) IS
    'the label of a term in the session''s language, for messages (the code itself when unknown)';
