#!/usr/bin/env python3
"""Synthesize N assistant-response-like English texts (deterministic, seed 42) for `prefaudit bench encode`.

The same algorithm as perf-scripts/gen_texts.py behind the recorded anchors (perf-anchors.md §4):
sentences are harvested from docstrings of the Python standard library of the interpreter that runs
this script (technical English prose, close to assistant answers about code), then joined into
paragraphs until a target word count drawn uniformly from [100, 250] is reached. The texts depend on
the standard library's docstrings, so compare figures only for files with the same SHA-256
(Python 3.11.7 gives 76f89e3b… for N = 2000).

Usage: python3 gen_texts.py OUT.jsonl [N=2000]   -> one {"id": .., "text": ..} per line
Standard library only.
"""
import ast
import json
import os
import random
import re
import sys
import sysconfig


def harvest_sentences():
    stdlib = sysconfig.get_paths()["stdlib"]
    sentences = set()
    for root, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in ("test", "tests", "idlelib", "site-packages", "lib2to3"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            try:
                tree = ast.parse(open(os.path.join(root, name), encoding="utf-8").read())
            except Exception:
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    doc = ast.get_docstring(node)
                    if not doc:
                        continue
                    doc = re.sub(r"\s+", " ", doc)
                    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", doc):
                        words = s.split()
                        if 6 <= len(words) <= 40 and s[-1] in ".!?" and not re.search(r">>>|\|\|", s):
                            sentences.add(s.strip())
    return sorted(sentences)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    sentences = harvest_sentences()
    rng = random.Random(42)
    temporary = out + ".part"
    with open(temporary, "w") as f:
        for i in range(count):
            target = rng.randint(100, 250)
            words, paragraphs, current = 0, [], []
            while words < target:
                s = rng.choice(sentences)
                current.append(s)
                words += len(s.split())
                if len(current) >= rng.randint(3, 6):
                    paragraphs.append(" ".join(current))
                    current = []
            if current:
                paragraphs.append(" ".join(current))
            f.write(json.dumps({"id": i, "text": "\n\n".join(paragraphs)}) + "\n")
    os.replace(temporary, out)
    print(f"sentences_pool={len(sentences)} texts={count} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
