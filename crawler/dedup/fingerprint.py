"""Content fingerprints: an exact hash and a MinHash signature of the normalised body.

Both are taken from the cleaned body folded to what a reader compares: Simplified
script (the cleaner restored it), no whitespace, no punctuation, NFKC width, lower
case. Rotating spam, a view counter or re-wrapped lines therefore never make a
page look changed. The MinHash is over character 5-grams (Chinese has no spaces
to split words on), so near-duplicate detection works on Chinese text.

A MinHash alone merges templated documents: two penalty decisions of one bureau
share 80–95 % of their 5-grams and differ in the numbers that make them two
documents (文号, dates, amounts, credit codes). The stored fingerprint therefore
carries a 128-bit sketch of the body's numbers after the MinHash; a near
duplicate must also agree on its numbers (``numbers_agree``): one body may add
numbers (an update line, a mirror's leftovers), neither may change one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import cache

import numpy as np

SHINGLE = 5
NUM_PERM = 128
BANDS = 16  # 16 bands of 8 rows: pairs at Jaccard 0.85 become candidates with p ≈ 0.994
ROWS = NUM_PERM // BANDS
MIN_NEAR_CHARS = 200  # shorter bodies are exempt from near-duplicate matching
MAX_SIGNED_CHARS = 20000  # the signature reads at most this much of a very long body
NUMBER_BITS = 128  # the numbers sketch stored after the MinHash (4 more uint32)
_NOT_CONTENT = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+")


def normalise(text: str) -> str:
    """The body as compared: NFKC, lower case, letters and digits only."""
    return _NOT_CONTENT.sub("", unicodedata.normalize("NFKC", text).lower())


def content_hash(normal: str) -> str:
    return "sha256:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()


def hash_key(digest: str) -> int:
    """A signed 64-bit key of a content hash, for compact storage."""
    return int(digest[7:23], 16) - (1 << 63)


def _shingle_hashes(normal: str) -> np.ndarray:
    """32-bit hashes of the distinct character 5-grams (vectorised, no Python loop per shingle)."""
    codes = np.frombuffer(normal[:MAX_SIGNED_CHARS].encode("utf-32-le"), dtype=np.uint32)
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    codes = codes.astype(np.uint64)
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        mixed = mixed * np.uint64(1000003) + codes[offset:offset + count]
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(32)
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


@cache
def load_permutations() -> tuple[np.ndarray, np.ndarray, Callable]:
    """datasketch's permutations (seed 1) and input mixer, made once per process: a MinHash
    per document drew its 256 random numbers again and hashed its shingles in a Python loop."""
    from datasketch import MinHash
    from datasketch.minhash import _fmix

    a, b = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int).permutations
    return a, b, _fmix


def signature(normal: str) -> np.ndarray | None:
    """MinHash hash values (uint32 ×128), or None for bodies too short to compare.

    The same values as datasketch's ``MinHash(num_perm=128, seed=1, hashfunc=int)`` fed the
    shingle hashes (its affine32 scheme: mix each hash, ``a·h + b`` mod 2³², minimum per
    permutation), computed in one numpy pass (tests/test_dedup_store.py checks both agree).
    """
    if len(normal) < MIN_NEAR_CHARS:
        return None
    a, b, mix = load_permutations()
    hashes = mix(_shingle_hashes(normal).astype(np.uint32).reshape(-1, 1), 32)
    return (hashes * a + b).min(axis=0)


def number_sketch(normal: str) -> np.ndarray:
    """One bit per distinct digit run of the body (of ``NUMBER_BITS``), as 4 uint32."""
    bits = 0
    for number in set(_NUMBER.findall(normal[:MAX_SIGNED_CHARS])):
        digest = hashlib.blake2b(number.encode(), digest_size=2).digest()
        bits |= 1 << (int.from_bytes(digest, "big") % NUMBER_BITS)
    return np.frombuffer(bits.to_bytes(NUMBER_BITS // 8, "little"), dtype=np.uint32)


def fingerprint(normal: str) -> np.ndarray | None:
    """What deduplication stores and compares: the MinHash, then the numbers sketch."""
    sig = signature(normal)
    return None if sig is None else np.concatenate([sig, number_sketch(normal)])


def numbers_agree(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two fingerprints' numbers allow them to be one document: the numbers of
    one body are all in the other (a copy may add an update line; a changed date, 文号
    or amount makes another document, or a corrected one, kept apart either way).

    Fingerprints stored before the sketch existed (the MinHash alone) agree with all.
    Past ~60 distinct numbers the sketch fills up and agrees too: MinHash decides.
    """
    if len(a) <= NUM_PERM or len(b) <= NUM_PERM:
        return True
    x = int.from_bytes(a[NUM_PERM:].tobytes(), "little")
    y = int.from_bytes(b[NUM_PERM:].tobytes(), "little")
    return x & ~y == 0 or y & ~x == 0


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the LSH buckets this signature falls in."""
    rows = sig[:NUM_PERM].reshape(BANDS, ROWS)
    keys = []
    for band, values in enumerate(rows):
        digest = hashlib.blake2b(values.tobytes(), digest_size=8, person=bytes([band]) * 16)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (or fingerprints)."""
    return float(np.count_nonzero(a[:NUM_PERM] == b[:NUM_PERM])) / NUM_PERM


def closest(sig: np.ndarray, candidates, threshold: float) -> tuple[int, float] | None:
    """The candidate ``(doc, stored signature bytes)`` most similar to ``sig`` at or above
    ``threshold`` whose numbers agree, as ``(doc, score)``; the first of equals wins.
    Missing blobs are skipped."""
    best: tuple[int, float] | None = None
    for doc, blob in candidates:
        if blob is None:
            continue
        stored = np.frombuffer(blob, dtype=np.uint32)
        score = similarity(sig, stored)
        if score >= threshold and (best is None or score > best[1]) \
                and numbers_agree(sig, stored):
            best = (doc, score)
    return best
