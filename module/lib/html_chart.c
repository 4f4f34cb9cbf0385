/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_chart.c - bar charts as inline SVG, for a page with no script and
 * nothing to download, that prints on A4 as it shows on screen.
 *
 * Two shapes: columns (vertical bars) for a run of days or hours, short
 * labels under each; bars from a column of labels (horizontal) for terms
 * such as themes, whose labels are long.  Every label, tick and value is
 * SVG text, so it prints and can be selected; the chart has a <title> and a
 * <desc> that screen readers read (role="img"), and each bar a <title>
 * with its label and value.  Coordinates are computed in tenths of a pixel
 * with integers (see html_internal.h: no %f under a French LC_NUMERIC).
 * The figures themselves are also in a table next to the chart.
 */
#include <stdio.h>
#include <string.h>

#include "html_internal.h"

/* Tenths of a pixel as SVG text: 1234 -> "123.4". */
struct px {
	char s[24];
};

static struct px px(long long tenths)
{
	struct px p;

	snprintf(p.s, sizeof(p.s), "%s%lld.%lld", tenths < 0 ? "-" : "",
		 (tenths < 0 ? -tenths : tenths) / 10, (tenths < 0 ? -tenths : tenths) % 10);
	return p;
}

void chart_axis(long long max_milli, bool whole, long long *top, long long *step)
{
	/* Tops in tenths of a power of ten, and their ticks: 26 gets 30 in
	 * steps of 5, not 50: the bars use most of the width. */
	static const int tops[] = { 10, 15, 20, 25, 30, 40, 50, 60, 80 };
	static const int steps[] = { 2, 5, 5, 5, 5, 10, 10, 10, 20 };
	long long base = 100; /* 0.1, in thousandths */
	size_t i = 0;

	if (whole && max_milli < 1000)
		max_milli = 1000;
	for (;; base *= 10) {
		for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
			long long t = base * tops[i] / 10;

			/* Counts: whole tops only (1.5 is no count). */
			if (t >= max_milli && (!whole || t % 1000 == 0))
				break;
		}
		if (i < sizeof(tops) / sizeof(tops[0]))
			break;
	}
	*top = base * tops[i] / 10;
	*step = base * steps[i] / 10;
	/* Ticks on whole numbers for counts: 0, 1, 2, 3 rather than 0.5 steps. */
	if (whole && *step % 1000 != 0)
		*step = (*step / 1000 + 1) * 1000;
	while (*top % *step != 0)
		(*step)++;
}

/* The text shown for a bar: its number, or why it is hidden. */
enum { SHOWN_LEN = 64 };
static void shown_value(char *buf, size_t len, const struct chart *c, const struct chart_bar *b)
{
	if (b->suppressed != NULL)
		snprintf(buf, len, "%s",
			 strcmp(b->suppressed, "secondary") == 0 ? c->secondary_text
								 : c->hidden_text);
	else if (!html_format_number(buf, len, b->value, c->fr))
		snprintf(buf, len, "\xE2\x80\x94"); /* an em dash: no figure */
}

/* The bar's length in tenths of a pixel for a plot of `room` tenths. */
static long long bar_length(const struct chart_bar *b, long long top, long long room)
{
	long long v;

	if (b->suppressed != NULL || !html_parse_fixed(b->value, &v) || v <= 0)
		return 0;
	if (v > top)
		v = top;
	return v * room / top;
}

static long long largest(const struct chart *c)
{
	long long max = 0, v;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->bars[i].suppressed == NULL && html_parse_fixed(c->bars[i].value, &v) &&
		    v > max)
			max = v;
	return max;
}

static void open_svg(struct hw *w, const struct chart *c, int height)
{
	hw_printf(w,
		  "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		  "aria-labelledby=\"%s-title %s-desc\">\n",
		  CHART_WIDTH, height, CHART_WIDTH, height, c->id, c->id);
	hw_printf(w, "<title id=\"%s-title\">", c->id);
	hw_text(w, c->title);
	hw_printf(w, "</title>\n<desc id=\"%s-desc\">", c->id);
	hw_text(w, c->desc);
	hw_puts(w, "</desc>\n");
	if (c->axis != NULL) {
		hw_puts(w, "<text class=\"axis-title\" x=\"0\" y=\"11\">");
		hw_text(w, c->axis);
		hw_puts(w, "</text>\n");
	}
}

/* A bar's group starts with its <title>: "label: value" (in French, a
 * no-break space before the colon).  shown receives the text shown for
 * the bar; the bar's length for a plot of `room` tenths is returned. */
static long long open_bar(struct hw *w, const struct chart *c, const struct chart_bar *b,
			  long long top, long long room, char shown[SHOWN_LEN])
{
	shown_value(shown, SHOWN_LEN, c, b);
	hw_puts(w, "<g class=\"bar\"><title>");
	hw_text(w, b->long_label != NULL ? b->long_label : b->label);
	hw_puts(w, c->fr ? "\xC2\xA0: " : ": ");
	hw_text(w, shown);
	hw_puts(w, "</title>");
	return bar_length(b, top, room);
}

/* Columns: plot from x 44 to 672, y 20 (top) to 166 (base line). */
enum { V_X0 = 440, V_X1 = 6720, V_Y0 = 200, V_Y1 = 1660, V_HEIGHT = 200 };

static void columns_grid(struct hw *w, const struct chart *c, long long top, long long step)
{
	char label[64];
	long long v, y;

	for (v = 0; v <= top; v += step) {
		y = V_Y1 - v * (V_Y1 - V_Y0) / top;
		hw_printf(w, "<line class=\"%s\" x1=\"%s\" x2=\"%s\" ", v == 0 ? "base" : "grid",
			  px(V_X0).s, px(V_X1).s);
		hw_printf(w, "y1=\"%s\" y2=\"%s\"/>", px(y).s, px(y).s);
		html_format_fixed(label, sizeof(label), v, c->fr);
		hw_printf(w,
			  "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n",
			  px(V_X0 - 60).s, px(y + 35).s, label);
	}
}

static void columns(struct hw *w, const struct chart *c)
{
	long long top, step, slot, x, len;
	char shown[SHOWN_LEN];
	size_t i;

	chart_axis(largest(c), c->whole, &top, &step);
	open_svg(w, c, V_HEIGHT);
	columns_grid(w, c, top, step);
	slot = c->n > 0 ? (V_X1 - V_X0) / (long long)c->n : 0;
	for (i = 0; i < c->n; i++) {
		const struct chart_bar *b = &c->bars[i];

		x = V_X0 + (long long)i * slot;
		len = open_bar(w, c, b, top, V_Y1 - V_Y0, shown);
		hw_printf(w, "<rect x=\"%s\" width=\"%s\" ", px(x + slot * 15 / 100).s,
			  px(slot * 70 / 100).s);
		hw_printf(w, "y=\"%s\" height=\"%s\"/>", px(V_Y1 - len).s, px(len).s);
		if (b->suppressed != NULL) {
			hw_printf(
				w,
				"<text class=\"masked\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">",
				px(x + slot / 2).s, px(V_Y1 - 40).s);
			hw_text(w, shown);
			hw_puts(w, "</text>");
		}
		hw_printf(w, "<text class=\"label\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">",
			  px(x + slot / 2).s, px(V_Y1 + 150).s);
		hw_text_cut(w, b->label, 6);
		hw_puts(w, "</text></g>\n");
	}
	hw_puts(w, "</svg>\n");
}

/* Bars: labels right-aligned before x 256, bars to x 610 at most (the
 * value goes after the bar), one row of 22 px each, ticks below. */
enum { H_X0 = 2560, H_X1 = 6100, H_TOP = 240, H_ROW = 220, H_BAR = 140, H_LABEL_CHARS = 40 };

static void bars_grid(struct hw *w, const struct chart *c, long long top, long long step,
		      long long bottom)
{
	char label[64];
	long long v, x;

	for (v = 0; v <= top; v += step) {
		x = H_X0 + v * (H_X1 - H_X0) / top;
		hw_printf(w, "<line class=\"%s\" x1=\"%s\" x2=\"%s\" ", v == 0 ? "base" : "grid",
			  px(x).s, px(x).s);
		hw_printf(w, "y1=\"%s\" y2=\"%s\"/>", px(H_TOP - 40).s, px(bottom).s);
		html_format_fixed(label, sizeof(label), v, c->fr);
		hw_printf(
			w,
			"<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n",
			px(x).s, px(bottom + 140).s, label);
	}
}

static void bars(struct hw *w, const struct chart *c)
{
	long long top, step, y, len, bottom = H_TOP + (long long)c->n * H_ROW;
	char shown[SHOWN_LEN];
	size_t i;

	chart_axis(largest(c), c->whole, &top, &step);
	open_svg(w, c, (int)((bottom + 200) / 10));
	bars_grid(w, c, top, step, bottom);
	for (i = 0; i < c->n; i++) {
		const struct chart_bar *b = &c->bars[i];

		y = H_TOP + (long long)i * H_ROW;
		len = open_bar(w, c, b, top, H_X1 - H_X0, shown);
		hw_printf(w, "<text class=\"label\" x=\"%s\" y=\"%s\" text-anchor=\"end\">",
			  px(H_X0 - 80).s, px(y + 150).s);
		hw_text_cut(w, b->label, H_LABEL_CHARS);
		hw_printf(w, "</text><rect x=\"%s\" y=\"%s\" ", px(H_X0).s,
			  px(y + (H_ROW - H_BAR) / 2).s);
		hw_printf(w, "width=\"%s\" height=\"%s\"/>", px(len).s, px(H_BAR).s);
		hw_printf(w, "<text class=\"%s\" x=\"%s\" y=\"%s\">",
			  b->suppressed != NULL ? "value masked" : "value", px(H_X0 + len + 60).s,
			  px(y + 150).s);
		hw_text(w, shown);
		hw_puts(w, "</text></g>\n");
	}
	hw_puts(w, "</svg>\n");
}

void html_bar_chart(struct hw *w, const struct chart *c)
{
	if (c->horizontal)
		bars(w, c);
	else
		columns(w, c);
}
