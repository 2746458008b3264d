"""Writes tokenizer-reference.jsonl: texts and the ids BertTokenizerFast gives them.

Each line is {"text": ..., "ids": [...]}, with all-MiniLM-L6-v2's tokenizer.json and truncation
to 256 tokens as sentence-transformers applies it. The texts are seeded random strings drawn from
many Unicode blocks (marks, CJK, Hangul, emoji, private use, format and unassigned characters,
scripts newer than the tokenizer's Unicode tables, special tokens written in the text), a few
hand-picked edge cases, and assistant replies from the HH-RLHF test split.

Usage: python make_tokenizer_reference.py MODEL_DIR HH_RLHF_TEST_JSONL_GZ OUTPUT.jsonl
(needs `pip install tokenizers==0.23.3`)
"""
import gzip
import json
import random
import sys

from tokenizers import Tokenizer

model_dir, hh_path, output = sys.argv[1:4]
rng = random.Random(20261122)
blocks = [
    (0x20, 0x7E), (0x0, 0x1F), (0x80, 0x24F), (0x300, 0x36F), (0x370, 0x52F), (0x590, 0x6FF), (0x800, 0x8FF),
    (0x900, 0xDFF), (0x1100, 0x11FF), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x2000, 0x206F), (0x2070, 0x2BFF),
    (0x2E00, 0x2E7F), (0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xABFF), (0xAC00, 0xD7A3),
    (0xE000, 0xF8FF), (0xF900, 0xFAFF), (0xFB00, 0xFFFD), (0x10000, 0x1FFFF), (0x1F300, 0x1FAFF),
    (0x20000, 0x2FFFF), (0xE0000, 0xE01EF), (0xF0000, 0xF00FF), (0x11000, 0x11FFF), (0x13000, 0x1343F),
    (0x16000, 0x16FFF), (0x1E000, 0x1EFFF),
]
inserts = ["[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "[cls]", "[SEP", "A", "é", "İ", "ß", "Σ", "ﬁ", "\u0301"]
texts = []
for _ in range(500):
    pieces = []
    for _ in range(rng.randint(1, 40)):
        low, high = rng.choice(blocks)
        code = rng.randint(low, high)
        if 0xD800 <= code <= 0xDFFF:
            continue
        pieces.append(chr(code))
        if rng.random() < 0.3:
            pieces.append(" ")
        if rng.random() < 0.1:
            pieces.append(rng.choice(inserts))
    texts.append("".join(pieces))
texts += [
    "", " ", "\t\n\r", "x" * 100, "x" * 101, "é" * 100, "é" * 101, "a" + "\u0301" * 150, "[CLS][SEP]", "a[SEP]b",
    "[[CLS]]", "İstanbul ΣΑΣ ǅ", "ﬁ ﬂ １２３ Ⅻ", "\u00ad\u200b\u2060\ufeff", "a\u00a0b\u3000c\u2028d\x85e",
    "\u0130\u0049\u0307", "Ǆ ǅ ǆ ẞ ß", "한국어 ㄱㄴ ᄀ", "日本語のテキスト、カタカナ", "😀👍🏽🇫🇷 ☃ ❤️",
]
replies = []
with gzip.open(hh_path, "rt") as lines:
    for line in lines:
        record = json.loads(line)
        for side in ("chosen", "rejected"):
            text = record[side]
            cut = text.rfind("\n\nAssistant:")
            replies.append(text[cut + len("\n\nAssistant:"):].strip() if cut >= 0 else text)
texts += replies[:150]

tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
tokenizer.no_padding()
tokenizer.enable_truncation(256)
with open(output, "w", encoding="utf-8") as out:
    for text, encoding in zip(texts, tokenizer.encode_batch(texts)):
        out.write(json.dumps({"text": text, "ids": encoding.ids}, ensure_ascii=True) + "\n")
