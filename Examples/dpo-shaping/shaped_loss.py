"""The reward-shaped (EA-DPO) sigmoid loss as a pure function, with a self-check.

Run `python shaped_loss.py` to check it against TRL's sigmoid DPO formula and the analytic gradient. Only
PyTorch is needed.
"""

import sys

import torch
import torch.nn.functional as F


def shaped_dpo_losses(
    policy_margin: torch.Tensor,
    offset: torch.Tensor,
    beta: float,
    weight: torch.Tensor | None = None,
) -> torch.Tensor:
    """Returns the per-pair loss w · (−log σ(β·Δθ + offset)).

    This is the EA-DPO objective of "Anatomy of Post-Training" (App. A), L = −E log σ(β·Δθ + λ·ΔA), where
    prefaudit's `shaping.jsonl` already holds offset = Σ_f λ_f·ΔA_f for each pair. A positive offset means the
    preference for the chosen answer is already explained by the concepts, so the policy is pushed less to learn
    them; a negative offset (an amplified concept) pushes more. With offset 0 and no weight this is exactly TRL's
    `loss_type="sigmoid"` term `-F.logsigmoid(beta * delta_score)`.

    Args:
        policy_margin: Δθ = [log πθ(y⁺|x) − log πref(y⁺|x)] − [log πθ(y⁻|x) − log πref(y⁻|x)], shape (batch,).
        offset: the shaping offset of each pair, shape (batch,); zeros give plain DPO.
        beta: the DPO temperature β (> 0).
        weight: optional per-pair weight from `weights.jsonl`, shape (batch,); multiplies each pair's loss.

    Returns:
        The per-pair losses, shape (batch,), in float32 or wider. Take `.mean()` for the batch loss: with
        prefaudit's weights (mean 1 over the dataset) that estimates the weighted objective (1/N) Σ w·loss.
    """
    dtype = torch.promote_types(policy_margin.dtype, torch.float32)
    logits = beta * policy_margin.to(dtype) + offset.to(device=policy_margin.device, dtype=dtype)
    losses = -F.logsigmoid(logits)
    if weight is not None:
        losses = losses * weight.to(device=policy_margin.device, dtype=dtype)
    return losses


def _self_check() -> list[str]:
    """Runs the checks; returns one message per failure."""
    failures = []
    beta = 0.1
    margin = torch.linspace(-30.0, 30.0, 61, dtype=torch.float64)

    # 1. Offset 0 is TRL's sigmoid loss, bit for bit, and equals log(1 + exp(−β·Δθ)).
    plain = shaped_dpo_losses(margin, torch.zeros_like(margin), beta)
    if not torch.equal(plain, -F.logsigmoid(beta * margin)):
        failures.append("offset 0 differs from -F.logsigmoid(beta * margin)")
    if not torch.allclose(plain, torch.log1p(torch.exp(-beta * margin)), rtol=1e-12, atol=1e-12):
        failures.append("offset 0 differs from log(1 + exp(-beta * margin))")

    # 2. A larger positive offset lowers both the loss and the gradient pressure |∂L/∂Δθ| on every pair.
    previous_loss, previous_pressure = None, None
    for value in (0.0, 0.5, 1.0, 2.0, 4.0):
        m = margin.clone().requires_grad_(True)
        losses = shaped_dpo_losses(m, torch.full_like(m, value), beta)
        losses.sum().backward()
        pressure = m.grad.abs()
        if previous_loss is not None:
            if not bool((losses.detach() < previous_loss).all()):
                failures.append(f"offset {value} does not lower the loss on every pair")
            if not bool((pressure < previous_pressure).all()):
                failures.append(f"offset {value} does not lower the gradient pressure on every pair")
        previous_loss, previous_pressure = losses.detach(), pressure

    # 3. The autograd gradient wrt Δθ is the analytic −β·σ(−(β·Δθ + offset)), weighted by w when given.
    generator = torch.Generator().manual_seed(0)
    offset = torch.randn(margin.shape, generator=generator, dtype=torch.float64) * 3
    weight = torch.rand(margin.shape, generator=generator, dtype=torch.float64) * 2
    for w in (None, weight):
        m = margin.clone().requires_grad_(True)
        shaped_dpo_losses(m, offset, beta, w).sum().backward()
        analytic = -beta * torch.sigmoid(-(beta * margin + offset)) * (1 if w is None else w)
        if not torch.allclose(m.grad, analytic, rtol=1e-12, atol=1e-15):
            label = "weighted" if w is not None else "unweighted"
            error = (m.grad - analytic).abs().max().item()
            failures.append(f"{label} gradient differs from the analytic one (max error {error:.3g})")

    # 4. The weight multiplies each pair's loss.
    unweighted = shaped_dpo_losses(margin, offset, beta)
    if not torch.allclose(shaped_dpo_losses(margin, offset, beta, weight), weight * unweighted, rtol=1e-15):
        failures.append("the weight does not multiply the per-pair loss")
    return failures


if __name__ == "__main__":
    problems = _self_check()
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        sys.exit(1)
    print("shaped_loss self-check: 4 checks passed (torch " + torch.__version__ + ")")
