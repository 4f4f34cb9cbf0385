#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""terminal.py DIALOGUE COMMAND [ARG]... - run COMMAND on a pseudo-terminal, as a
librarian at a desk would, and hold the dialogue written in the file
DIALOGUE, one step a line:

    > TEXT     wait until the output shows TEXT (since the last step)
    < TEXT     type TEXT and Enter ("<" alone: just Enter)
    <pw TEXT   wait until the terminal's echo is off, then type TEXT and Enter
    <eof       type Ctrl-D

The terminal is the command's controlling terminal (it can open /dev/tty).
Everything the command shows goes to our standard output; the exit status is
the command's, 124 when a step waits more than 10 seconds (the command is
then killed), 125 when the command could not start.
"""
import os
import pty
import select
import signal
import sys
import termios
import time

STEP_TIMEOUT = 10.0


def read_some(fd, transcript, wait):
    """Reads what the command wrote within wait seconds: True when it wrote,
    None when it did not, False at its end."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return None
    try:
        data = os.read(fd, 4096)
    except OSError:          # EIO: the command closed the terminal
        return False
    if not data:
        return False
    transcript.extend(data)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return True


def wait_for(fd, transcript, start, text):
    """Waits until text shows after offset start; returns the new offset."""
    want = text.encode()
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        at = transcript.find(want, start)
        if at >= 0:
            return at + len(want)
        left = deadline - time.monotonic()
        if left <= 0 or read_some(fd, transcript, min(left, 0.2)) is False:
            raise TimeoutError('never saw %r' % text)


def wait_echo_off(fd, transcript):
    """Waits until the command has switched the terminal's echo off."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while termios.tcgetattr(fd)[3] & termios.ECHO:
        if time.monotonic() > deadline:
            raise TimeoutError('the terminal echo was never switched off')
        read_some(fd, transcript, 0.05)


def converse(fd, steps):
    transcript = bytearray()
    seen = 0
    for step in steps:
        if step.startswith('>'):
            seen = wait_for(fd, transcript, seen, step[1:].strip())
        elif step.startswith('<pw'):
            wait_echo_off(fd, transcript)
            os.write(fd, step[3:].strip().encode() + b'\n')
        elif step.startswith('<eof'):
            # Ctrl-D ends a read only at the start of a line, as on a desk.
            os.write(fd, termios.tcgetattr(fd)[6][termios.VEOF])
        elif step.startswith('<'):
            os.write(fd, step[1:].strip().encode() + b'\n')
    # Show what comes after the last step, until the command ends.
    deadline = time.monotonic() + STEP_TIMEOUT
    while read_some(fd, transcript, 0.2) is not False:
        if time.monotonic() > deadline:
            raise TimeoutError('the command did not end')


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        steps = [line.rstrip('\n') for line in f if line.strip()]
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvp(sys.argv[2], sys.argv[2:])
        finally:
            os._exit(125)
    status = 124
    try:
        converse(fd, steps)
    except TimeoutError as e:
        print('\nterminal.py: %s' % e, file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return 124
    _, st = os.waitpid(pid, 0)
    if os.WIFEXITED(st):
        status = os.WEXITSTATUS(st)
    else:
        status = 128 + os.WTERMSIG(st)
    return status


if __name__ == '__main__':
    sys.exit(main())
