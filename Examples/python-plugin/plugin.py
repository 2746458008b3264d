#!/usr/bin/env python3
"""A prefaudit subprocess detector: readability of each answer (standard library only).

Run it from prefaudit:

    prefaudit audit DATA --plugin-cmd "python3 Examples/python-plugin/plugin.py"

It speaks version 1 of the subprocess plugin protocol (docs/plugins.md): one JSON object per line on
standard input and output. Standard output carries only protocol lines; messages go to standard error.
"""

import json
import re
import sys

PROTOCOL = 1

DESCRIPTOR = {
    "type": "descriptor",
    "protocol": PROTOCOL,
    "id": "readability",
    "version": "1.0.0",
    "summary": "Flesch reading ease and sentence length of each answer.",
    "features": [
        {
            "name": "flesch_reading_ease",
            "kind": "lexical",
            "unit": "score",
            "description": "Flesch reading ease: 206.835 - 1.015 words per sentence - 84.6 syllables per word "
            "(syllables estimated from vowel groups); 0 for an answer without words.",
            "higher": "are easier to read (Flesch reading ease)",
        },
        {
            "name": "words_per_sentence",
            "kind": "lexical",
            "unit": "words",
            "description": "Words divided by sentences (runs of text ended by . ! ? or the end); 0 without words.",
            "higher": "use longer sentences",
        },
        {
            "name": "syllables_per_word",
            "kind": "lexical",
            "unit": "syllables",
            "description": "Estimated syllables per word (vowel groups, a final silent e dropped, at least one).",
            "higher": "use longer words",
        },
    ],
}

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word):
    """Estimated syllables of one word: vowel groups, minus a final silent e, at least one."""
    word = word.lower()
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def measure(text):
    """The three feature values of one answer, in descriptor order."""
    words = WORD.findall(text)
    if not words:
        return [0.0, 0.0, 0.0]
    stripped = text.strip()
    sentences = len(SENTENCE_END.findall(stripped))
    if stripped[-1] not in ".!?":
        sentences += 1  # a last sentence without a closing mark
    words_per_sentence = len(words) / sentences
    syllables_per_word = sum(syllables(w) for w in words) / len(words)
    flesch = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    return [round(flesch, 4), round(words_per_sentence, 4), round(syllables_per_word, 4)]


def send(message):
    sys.stdout.write(json.dumps(message, allow_nan=False) + "\n")
    sys.stdout.flush()


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    while True:
        line = sys.stdin.readline()
        if not line:
            return 0  # the host went away: end quietly
        message = json.loads(line)
        kind = message.get("type")
        if kind == "hello":
            if message.get("prefaudit") != PROTOCOL:
                print(f"readability plugin: host speaks protocol {message.get('prefaudit')}, not {PROTOCOL}", file=sys.stderr)
                return 1
            send(DESCRIPTOR)
        elif kind == "batch":
            rows = [{"id": item["id"], "features": measure(item["response"])} for item in message["items"]]
            send({"type": "result", "items": rows})
        elif kind == "bye":
            return 0
        else:
            print(f"readability plugin: unknown message type {kind!r}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
