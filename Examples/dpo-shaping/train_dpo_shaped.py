"""DPO on a `prefaudit apply` output with its reward-shaping offsets (EA-DPO) and, optionally, its pair weights.

Per pair the loss is  w · (−log σ(β·Δθ + offset))  (see shaped_loss.py). Written for TRL 1.16.0, whose
DPOTrainer computes the loss inline in `_compute_loss`; this subclass overrides `compute_loss` instead.

    python train_dpo_shaped.py --model MODEL --shaping OUT/shaping.jsonl [--weights OUT/weights.jsonl] \
        --output-dir runs/shaped
"""

import argparse
import sys
from pathlib import Path

import torch
from datasets import Dataset, concatenate_datasets, load_dataset
from trl import DPOConfig, DPOTrainer

from join_sidecars import SidecarError, aligned_values, join_sidecars, keys_by_file
from shaped_loss import shaped_dpo_losses

OFFSET, WEIGHT = "shaping_offset", "shaping_weight"


class _WithShapingColumns:
    """Wraps TRL's collator so each batch also carries the offset and weight columns as float tensors."""

    def __init__(self, base):
        self.base = base

    def __call__(self, examples):
        batch = self.base(examples)
        for key in (OFFSET, WEIGHT):
            if key in examples[0]:
                batch[key] = torch.tensor([example[key] for example in examples], dtype=torch.float32)
        return batch


class ShapedDPOTrainer(DPOTrainer):
    """A DPOTrainer (TRL 1.16) whose sigmoid loss adds each pair's offset inside σ and multiplies by its weight."""

    def __init__(self, model, args: DPOConfig, **kwargs):
        # The override below implements the sigmoid loss only, so refuse settings it would silently ignore.
        if args.loss_type != ["sigmoid"] or args.f_divergence_type != "reverse_kl" or args.ld_alpha is not None:
            raise ValueError(
                "ShapedDPOTrainer needs loss_type=['sigmoid'], f_divergence_type='reverse_kl' and ld_alpha=None"
            )
        if args.use_weighting or args.use_liger_kernel:
            raise ValueError("ShapedDPOTrainer does not support use_weighting or use_liger_kernel")
        super().__init__(model, args=args, **kwargs)
        if self._is_vision_dataset or self.aux_loss_enabled:
            raise ValueError("ShapedDPOTrainer supports text-only models without a router auxiliary loss")
        self.data_collator = _WithShapingColumns(self.data_collator)

    def _set_signature_columns_if_needed(self):
        # Keep the two columns when `remove_unused_columns=True` drops everything the model does not take.
        super()._set_signature_columns_if_needed()
        if OFFSET not in self._signature_columns:
            self._signature_columns = [*self._signature_columns, OFFSET, WEIGHT]

    def compute_ref_log_probs(self, model, inputs):
        # The model forward accepts every key TRL passes it, so the shaping columns must not reach it.
        return super().compute_ref_log_probs(model, {k: v for k, v in inputs.items() if k not in (OFFSET, WEIGHT)})

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        inputs = dict(inputs)
        offset, weight = inputs.pop(OFFSET, None), inputs.pop(WEIGHT, None)
        if self.precompute_ref_logps:
            ref_chosen, ref_rejected = inputs["ref_chosen_logps"], inputs["ref_rejected_logps"]
        else:
            ref_chosen, ref_rejected = self.compute_ref_log_probs(self.ref_model or self.model, inputs)
        # Policy log-probabilities of the completions, as TRL 1.16 gets them: its fused LM head returns per-token
        # log-probs that are 0 wherever the label is -100 (prompt and padding). Rows are [chosen..., rejected...].
        completion_mask = inputs["completion_mask"]
        labels = inputs["input_ids"].masked_fill(completion_mask == 0, -100)
        model_kwargs = {"input_ids": inputs["input_ids"], "attention_mask": inputs["attention_mask"]}
        outputs = model(**model_kwargs, use_cache=False, labels=labels, fused_lm_head=True)
        logps = outputs.log_probs[:, -(completion_mask.size(1) - 1) :].sum(dim=1)
        chosen, rejected = logps.chunk(2, dim=0)
        margin = (chosen - ref_chosen) - (rejected - ref_rejected)  # Δθ
        if offset is None:
            offset = torch.zeros_like(margin)
        loss = shaped_dpo_losses(margin, offset, self.beta, weight).mean()

        mode = "train" if self.model.training else "eval"
        shaped_logits = self.beta * margin.detach() + offset
        for name, value in (
            ("rewards/margins", self.beta * margin.detach()),
            ("rewards/accuracies", (margin.detach() > 0).float()),
            ("shaping/offset", offset),
            ("shaping/accuracies", (shaped_logits > 0).float()),
        ):
            self._metrics[mode][name].append(self.accelerator.gather(value.float()).mean().item())
        if return_outputs:  # evaluation wants logits, which the fused head does not build
            with torch.no_grad():
                outputs = model(**model_kwargs)
            return loss, outputs
        return loss


def load_output_dataset(outdir: Path, joined) -> Dataset:
    """Loads each output file the side-cars name, in row order, with the offset and weight columns added."""
    parts = []
    for (file, member), keys in keys_by_file(joined).items():
        if member is not None or not file.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz")):
            where = file if member is None else f"{file}[{member}]"
            raise SidecarError(f"{where}: this example reads plain or gzip JSON Lines, not archives or other formats")
        path = outdir / file
        if not path.is_file():
            raise SidecarError(f"{path}: output file named by the side-car does not exist")
        records = load_dataset("json", data_files=str(path), split="train")
        offsets, weights = aligned_values(joined, keys, len(records))
        missing = {"chosen", "rejected"} - set(records.column_names)
        if missing:
            raise SidecarError(f"{path}: no {sorted(missing)} column; train on a format with chosen/rejected records")
        # H4-style records repeat the prompt as a string beside message lists; let TRL take the prompt from the lists.
        first = records[0]
        if isinstance(first.get("prompt"), str) and isinstance(first["chosen"], list):
            records = records.remove_columns("prompt")
        records = records.select_columns([c for c in ("prompt", "chosen", "rejected") if c in records.column_names])
        parts.append(records.add_column(OFFSET, offsets).add_column(WEIGHT, weights))
    return concatenate_datasets(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="policy model to train: Hub id or local folder (required)")
    parser.add_argument("--shaping", type=Path, help="shaping.jsonl written by `prefaudit apply` (offsets)")
    parser.add_argument("--weights", type=Path, help="weights.jsonl written by `prefaudit apply` (pair weights)")
    parser.add_argument("--outdir", type=Path, help="the apply output folder (default: the side-car's folder)")
    parser.add_argument("--output-dir", required=True, help="where TRL writes checkpoints")
    parser.add_argument("--beta", type=float, default=0.1, help="DPO beta (default 0.1)")
    parser.add_argument("--learning-rate", type=float, default=5e-7)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--max-steps", type=int, default=-1, help="stop after this many steps (default: all epochs)")
    parser.add_argument("--batch-size", type=int, default=4, help="pairs per device and step")
    parser.add_argument("--max-length", type=int, default=1024, help="tokens per prompt+completion")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU (TRL defaults to bf16 on a GPU)")
    args = parser.parse_args()
    if args.shaping is None and args.weights is None:
        parser.error("give --shaping, --weights or both")
    outdir = args.outdir or (args.shaping or args.weights).parent

    try:
        joined = join_sidecars(args.shaping, args.weights)
        dataset = load_output_dataset(outdir, joined)
    except (SidecarError, OSError) as error:
        sys.exit(f"error: {error}")
    print(f"{len(dataset)} pairs from {outdir}; mean offset {sum(dataset[OFFSET]) / len(dataset):+.4f}")

    config = DPOConfig(
        output_dir=args.output_dir,
        beta=args.beta,
        learning_rate=args.learning_rate,
        num_train_epochs=args.epochs,
        max_steps=args.max_steps,
        per_device_train_batch_size=args.batch_size,
        max_length=args.max_length,
        precompute_ref_log_probs=True,  # one pass of the reference model before training; it is not kept in memory
        logging_steps=10,
        report_to="none",
        use_cpu=args.cpu,
    )
    trainer = ShapedDPOTrainer(args.model, args=config, train_dataset=dataset)
    trainer.train()
    trainer.save_model(args.output_dir)


if __name__ == "__main__":
    main()
