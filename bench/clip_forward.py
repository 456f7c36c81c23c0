"""The CLIP ViT image tower in PyTorch (Python), for comparing rscir's C++ encoder
against the same libtorch driven from Python on the same machine.

    python3 bench/clip_forward.py WEIGHTS.safetensors --threads 2 --batches 1,8,32

Prints one line per batch size: "batch N: X images/s".
"""
import argparse
import json
import math
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        assert info["dtype"] == "F32"
        array = np.frombuffer(data, dtype=np.float32, count=(end - begin) // 4, offset=begin)
        tensors[name] = torch.from_numpy(array.copy()).reshape(info["shape"])
    return tensors


def block(x, w, prefix, heads):
    b, n, width = x.shape
    y = F.layer_norm(x, (width,), w[prefix + "ln_1.weight"], w[prefix + "ln_1.bias"], 1e-5)
    qkv = F.linear(y, w[prefix + "attn.in_proj_weight"], w[prefix + "attn.in_proj_bias"])
    qkv = qkv.view(b, n, 3, heads, width // heads).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0] / math.sqrt(width // heads), qkv[1], qkv[2]
    attention = torch.softmax(q @ k.transpose(-2, -1), dim=-1)
    out = (attention @ v).permute(0, 2, 1, 3).reshape(b, n, width)
    x = x + F.linear(out, w[prefix + "attn.out_proj.weight"], w[prefix + "attn.out_proj.bias"])
    y = F.layer_norm(x, (width,), w[prefix + "ln_2.weight"], w[prefix + "ln_2.bias"], 1e-5)
    y = F.gelu(F.linear(y, w[prefix + "mlp.c_fc.weight"], w[prefix + "mlp.c_fc.bias"]))
    return x + F.linear(y, w[prefix + "mlp.c_proj.weight"], w[prefix + "mlp.c_proj.bias"])


def encode_images(pixels, w):
    conv = w["visual.conv1.weight"]
    width, patch = conv.shape[0], conv.shape[2]
    layers = len({k.split(".")[3] for k in w if k.startswith("visual.transformer.resblocks.")})
    x = F.conv2d(pixels, conv, stride=patch)
    x = x.reshape(x.shape[0], width, -1).permute(0, 2, 1)
    cls = w["visual.class_embedding"].view(1, 1, -1).expand(x.shape[0], 1, width)
    x = torch.cat([cls, x], dim=1) + w["visual.positional_embedding"]
    x = F.layer_norm(x, (width,), w["visual.ln_pre.weight"], w["visual.ln_pre.bias"], 1e-5)
    for i in range(layers):
        x = block(x, w, "visual.transformer.resblocks.%d." % i, width // 64)
    x = F.layer_norm(x[:, 0], (width,), w["visual.ln_post.weight"], w["visual.ln_post.bias"], 1e-5)
    x = x @ w["visual.proj"]
    return x / x.norm(dim=-1, keepdim=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("weights")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    w = read_safetensors(args.weights)
    size = int(round(math.sqrt(w["visual.positional_embedding"].shape[0] - 1))) * w["visual.conv1.weight"].shape[2]
    with torch.inference_mode():
        for batch in [int(b) for b in args.batches.split(",")]:
            pixels = torch.full((batch, 3, size, size), 0.1)
            encode_images(pixels, w)  # warm-up
            done, start = 0, time.perf_counter()
            while time.perf_counter() - start < args.seconds or done < 3 * batch:
                encode_images(pixels, w)
                done += batch
            print("batch %d: %.2f images/s" % (batch, done / (time.perf_counter() - start)), flush=True)


if __name__ == "__main__":
    main()
