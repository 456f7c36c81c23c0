#!/usr/bin/python3
"""Writes a random-weight CLIP ViT checkpoint (safetensors, F32) of a published shape, for
memory and speed measurements of models that cannot be downloaded here:

    python3 bench/synthetic_vit.py OUT.safetensors H-14     # ViT-H/14: about 1 B parameters, 3.9 GB
    python3 bench/synthetic_vit.py OUT.safetensors L-14

Tensors are written one at a time, so the script needs little memory.
"""
import json
import struct
import sys

import numpy as np

SHAPES = {  # vision width, layers, patch, image; text width, layers; embedding
    "B-32": (768, 12, 32, 224, 512, 12, 512),
    "L-14": (1024, 24, 14, 224, 768, 12, 768),
    "H-14": (1280, 32, 14, 224, 1024, 24, 1024),
}
out, arch = sys.argv[1], sys.argv[2]
vw, vl, patch, image, tw, tl, embed = SHAPES[arch]
grid = image // patch
shapes = {
    "visual.conv1.weight": [vw, 3, patch, patch], "visual.class_embedding": [vw],
    "visual.positional_embedding": [grid * grid + 1, vw], "visual.ln_pre.weight": [vw], "visual.ln_pre.bias": [vw],
    "visual.ln_post.weight": [vw], "visual.ln_post.bias": [vw], "visual.proj": [vw, embed],
    "token_embedding.weight": [49408, tw], "positional_embedding": [77, tw], "ln_final.weight": [tw],
    "ln_final.bias": [tw], "text_projection": [tw, embed], "logit_scale": [],
}
for prefix, w, layers in (("visual.transformer.resblocks.", vw, vl), ("transformer.resblocks.", tw, tl)):
    for i in range(layers):
        for name, shape in {"ln_1.weight": [w], "ln_1.bias": [w], "attn.in_proj_weight": [3 * w, w],
                            "attn.in_proj_bias": [3 * w], "attn.out_proj.weight": [w, w], "attn.out_proj.bias": [w],
                            "ln_2.weight": [w], "ln_2.bias": [w], "mlp.c_fc.weight": [4 * w, w],
                            "mlp.c_fc.bias": [4 * w], "mlp.c_proj.weight": [w, 4 * w], "mlp.c_proj.bias": [w]}.items():
            shapes[f"{prefix}{i}.{name}"] = shape
header, offset = {}, 0
for name in sorted(shapes):
    n = int(np.prod(shapes[name])) if shapes[name] else 1
    header[name] = {"dtype": "F32", "shape": shapes[name], "data_offsets": [offset, offset + 4 * n]}
    offset += 4 * n
text = json.dumps(header).encode()
rng = np.random.default_rng(1)
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)))
    f.write(text)
    for name in sorted(shapes):
        shape = shapes[name]
        values = np.ones(shape, np.float32) if ("ln_" in name and "weight" in name) else \
            (rng.standard_normal(shape, dtype=np.float32) * 0.02)
        f.write(np.ascontiguousarray(values, np.float32).tobytes())
print(f"{out}: ViT-{arch}, {offset // 4:,} parameters, {offset / 2**30:.2f} GiB")
