"""Write one held-out corpus as a repository directory.

    python bench/corpora/generate.py NAME OUT_DIR [--seed 7] [--n N]

The same name, seed and n always give byte-identical files. Generated data is never committed.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench.corpora` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

CORPORA = (
    "polite_tools",
    "greeting_support",
    "multilingual_shop",
    "watch_before_after",
    "insurance_claims",
    "telecom_field_ops",
)


def generate(name: str, out: Path, seed: int = 7, n: int | None = None) -> Path:
    """Write corpus `name` into `out` (emptied first if it already holds a generated corpus)."""
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPORA)}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (out / "ground_truth.json").is_file():
            raise ValueError(f"{out} is not empty and holds no generated corpus; refusing to overwrite it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    module = importlib.import_module(f"bench.corpora.{name}")
    result: Path = module.generate(out, seed=seed, n=n)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("name", choices=CORPORA)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--n", type=int, default=None, help="number of conversations (default: the corpus's own)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    out = generate(args.name, args.out, seed=args.seed, n=args.n)
    from bench.corpora.ground_truth import load_ground_truth

    gt = load_ground_truth(out)
    failed = sum(c.failed for c in gt.conversations.values())
    print(
        f"{gt.corpus}: {len(gt.conversations)} conversations ({failed} failed, "
        f"{sum(c.cause is not None for c in gt.conversations.values())} with a planted cause), "
        f"{len(gt.intents)} intents, {len(gt.causes)} causes, {len(gt.malformed)} malformed records "
        f"-> {out} in {time.perf_counter() - t0:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
