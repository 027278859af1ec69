"""Runs a command under a pseudo-terminal and answers its prompts, for the wizard tests.

usage: python3 pty-driver.py <steps.json> <command> [args...]

steps.json is a list of {"expect": text, "send": text}: wait until `expect` appears in the output
(after the previous match), then type `send`. Prints one JSON object on stdout: the exit code
(128 + signal when killed by one), everything the terminal showed, and the step that timed out, if any.
"""
import json
import os
import pty
import select
import sys
import time

STEP_TIMEOUT_S = 15.0


def read_some(fd, wait):
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return b''
    try:
        return os.read(fd, 65536) or None
    except OSError:
        return None


def main():
    with open(sys.argv[1], encoding='utf8') as f:
        steps = json.load(f)
    command = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output = b''
    seen = 0
    timed_out = None
    closed = False
    for index, step in enumerate(steps):
        needle = step['expect'].encode('utf8')
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while output.find(needle, seen) < 0 and not closed:
            if time.monotonic() > deadline:
                timed_out = index
                break
            chunk = read_some(fd, 0.2)
            if chunk is None:
                closed = True
            else:
                output += chunk
        if timed_out is not None or closed:
            break
        seen = output.find(needle, seen) + len(needle)
        os.write(fd, step['send'].encode('utf8'))
    if timed_out is not None:
        os.kill(pid, 9)
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while not closed and time.monotonic() < deadline:
        chunk = read_some(fd, 0.2)
        if chunk is None:
            closed = True
        else:
            output += chunk
    if not closed:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    print(json.dumps({'code': code, 'output': output.decode('utf8', 'replace'), 'timedOut': timed_out}))


main()
