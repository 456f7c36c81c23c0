#!/usr/bin/python3
"""Writes a random-weight CLIP checkpoint (safetensors) with a small tower of width 64 and
an embedding of DIM dimensions, with CLIP's vocabulary of 49,408 tokens, for benchmarks
of the desktop session on synthetic archives of DIM-dimensional embeddings:

    python3 bench/synthetic_model.py OUT.safetensors [DIM]
"""
import json
import struct
import sys

import numpy as np

out = sys.argv[1]
dim = int(sys.argv[2]) if len(sys.argv) > 2 else 768
w = 64
shapes = {
    "visual.conv1.weight": [w, 3, 32, 32], "visual.class_embedding": [w], "visual.positional_embedding": [5, w],
    "visual.ln_pre.weight": [w], "visual.ln_pre.bias": [w], "visual.ln_post.weight": [w], "visual.ln_post.bias": [w],
    "visual.proj": [w, dim], "token_embedding.weight": [49408, w], "positional_embedding": [77, w],
    "ln_final.weight": [w], "ln_final.bias": [w], "text_projection": [w, dim], "logit_scale": [],
}
for tower in ("visual.transformer.resblocks.0.", "transformer.resblocks.0."):
    for name, shape in {"ln_1.weight": [w], "ln_1.bias": [w], "attn.in_proj_weight": [3 * w, w],
                        "attn.in_proj_bias": [3 * w], "attn.out_proj.weight": [w, w], "attn.out_proj.bias": [w],
                        "ln_2.weight": [w], "ln_2.bias": [w], "mlp.c_fc.weight": [4 * w, w], "mlp.c_fc.bias": [4 * w],
                        "mlp.c_proj.weight": [w, 4 * w], "mlp.c_proj.bias": [w]}.items():
        shapes[tower + name] = shape
rng = np.random.default_rng(1)
header, blobs, offset = {}, [], 0
for name, shape in sorted(shapes.items()):
    values = np.ones(shape, np.float32) if ("ln_" in name and "weight" in name) else \
        (rng.standard_normal(shape) * 0.02).astype(np.float32)
    data = values.tobytes()
    header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
text = json.dumps(header).encode()
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)))
    f.write(text)
    for blob in blobs:
        f.write(blob)
