"""Generator of the bundled sample archive and of large test corpora.

python -m scripts.sample_archive build --out archive
python -m scripts.sample_archive corpus --n 20000 --out DIR --seed 1
python -m scripts.sample_archive check [--archive archive]
"""

from .corpus import RefusedOutputDir, make_corpus  # noqa: F401


def build_archive(out="archive", seed=None):
    from .build import SEED, build

    return build(out, SEED if seed is None else seed)
