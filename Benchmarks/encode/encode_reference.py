#!/usr/bin/env python3
"""Reference sentence-embedding throughput for `prefaudit bench encode` (all-MiniLM-L6-v2, CPU).

Engines (as in perf-scripts/encode_bench.py behind perf-anchors.md §4):
  ort  onnxruntime on a plain fp32 ONNX export (graph optimization ALL), HF `tokenizers` for
       WordPiece, batches of 32 length-sorted texts padded to the longest, mean pooling + L2 norm
       in numpy.
  st   sentence-transformers (PyTorch): SentenceTransformer(model_dir).encode(texts, batch_size=32,
       normalize_embeddings=True).
Timed: tokenization + forward + pooling + normalization of all texts, after one untimed warm-up on
the first 2 batches.

Commands (each prints one JSON object on standard output; diagnostics go to standard error):
  probe                                    versions of the packages this script can use (null = missing)
  export MODEL_DIR OUT.onnx                plain fp32 ONNX export (needs torch, transformers, onnx)
  run --engine ort|st --model DIR --texts FILE [--onnx PATH] [--max-length 256] [--threads 1]
      [--reps 1] [--limit N] [--batch 32] [--dump N --dump-path FILE]
                                           seconds per repetition, token counts; --dump writes the
                                           first N normalized embeddings as JSON for a cross-check

Only the standard library plus numpy, tokenizers, onnxruntime, torch, transformers,
sentence-transformers and onnx (for export).
"""
import argparse
import json
import os
import sys
import time


def probe():
    from importlib import metadata
    out = {"python": sys.version.split()[0], "executable": sys.executable}
    for name in ("numpy", "tokenizers", "onnxruntime", "torch", "transformers", "sentence-transformers", "onnx"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def export(model_dir, out_path):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(model_dir, attn_implementation="eager").eval()

    class Wrap(torch.nn.Module):  # keyword call: BertModel.forward's positional order differs across versions
        def __init__(self, b):
            super().__init__()
            self.b = b

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.b(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones(2, 16, dtype=torch.long)
    dynamic = {name: {0: "batch", 1: "seq"} for name in
               ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")}
    temporary = out_path + ".part"
    with torch.no_grad():
        torch.onnx.export(Wrap(bert).eval(), (ids, torch.ones_like(ids), torch.zeros_like(ids)), temporary,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state"], dynamic_axes=dynamic, opset_version=17,
                          dynamo=False)
    os.replace(temporary, out_path)
    return {"onnx": out_path, "bytes": os.path.getsize(out_path), "torch": torch.__version__}


def run(args):
    threads = str(args.threads)
    # Thread counts must be fixed before numpy / torch / onnxruntime are imported.
    for key in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ[key] = threads
    os.environ["TOKENIZERS_PARALLELISM"] = "true" if args.threads > 1 else "false"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np

    texts = []
    with open(args.texts, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    if args.limit:
        texts = texts[:args.limit]
    batch = args.batch

    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    tok.no_padding()  # tokenizer.json ships Fixed(128) padding and truncation at 128
    tok.enable_truncation(max_length=args.max_length)
    lengths = np.array([len(e.ids) for e in tok.encode_batch(texts)])

    def order_of(lens):
        return np.argsort(-lens, kind="stable")

    real_tokens = int(lengths.sum())
    order = order_of(lengths)
    padded_tokens = int(sum(lengths[order[i:i + batch]].max() * len(order[i:i + batch])
                            for i in range(0, len(texts), batch)))

    if args.engine == "st":
        import torch
        torch.set_num_threads(args.threads)
        torch.set_num_interop_threads(1)
        import sentence_transformers
        from sentence_transformers import SentenceTransformer
        model = SentenceTransformer(args.model, device="cpu")
        model.max_seq_length = args.max_length

        def encode(subset):
            return model.encode(subset, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True,
                                show_progress_bar=False)
        version = f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}"
    elif args.engine == "ort":
        import onnxruntime as ort
        if not args.onnx:
            raise SystemExit("--engine ort needs --onnx PATH (make one with: export MODEL_DIR OUT.onnx)")
        options = ort.SessionOptions()
        options.intra_op_num_threads = args.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(args.onnx, options, providers=["CPUExecutionProvider"])

        def encode(subset):
            encodings = tok.encode_batch(subset)
            lens = np.array([len(e.ids) for e in encodings])
            out = np.empty((len(subset), 384), np.float32)
            sorted_order = order_of(lens)
            for start in range(0, len(subset), batch):
                idx = sorted_order[start:start + batch]
                width = lens[idx].max()
                ids = np.zeros((len(idx), width), np.int64)
                mask = np.zeros((len(idx), width), np.int64)
                for row, j in enumerate(idx):
                    e = encodings[j].ids
                    ids[row, :len(e)] = e
                    mask[row, :len(e)] = 1
                hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                            "token_type_ids": np.zeros_like(ids)})[0]
                m = mask[..., None].astype(np.float32)
                pooled = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
                out[idx] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
            return out
        version = f"onnxruntime {ort.__version__}"
    else:
        raise SystemExit("--engine must be ort or st")

    encode(texts[:2 * batch])  # untimed warm-up
    seconds = []
    embeddings = None
    for _ in range(args.reps):
        start = time.perf_counter()
        embeddings = encode(texts)
        seconds.append(time.perf_counter() - start)
        print(f"  {args.engine} rep: {seconds[-1]:.2f} s", file=sys.stderr, flush=True)
    if args.dump and args.dump_path:
        with open(args.dump_path, "w") as f:
            json.dump([[float(x) for x in row] for row in embeddings[:args.dump]], f)
    return {"engine": args.engine, "version": version, "threads": args.threads, "max_length": args.max_length,
            "texts": len(texts), "real_tokens": real_tokens, "padded_tokens": padded_tokens, "seconds": seconds}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    command = sys.argv[1]
    if command == "probe":
        result = probe()
    elif command == "export":
        if len(sys.argv) != 4:
            raise SystemExit("usage: encode_reference.py export MODEL_DIR OUT.onnx")
        result = export(sys.argv[2], sys.argv[3])
    elif command == "run":
        parser = argparse.ArgumentParser(prog="encode_reference.py run")
        parser.add_argument("--engine", required=True, choices=("ort", "st"))
        parser.add_argument("--model", required=True)
        parser.add_argument("--texts", required=True)
        parser.add_argument("--onnx")
        parser.add_argument("--max-length", type=int, default=256)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument("--reps", type=int, default=1)
        parser.add_argument("--limit", type=int, default=0)
        parser.add_argument("--batch", type=int, default=32)
        parser.add_argument("--dump", type=int, default=0)
        parser.add_argument("--dump-path")
        result = run(parser.parse_args(sys.argv[2:]))
    else:
        raise SystemExit(f"unknown command {command!r}\n\n{__doc__}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
