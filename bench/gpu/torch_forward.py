#!/usr/bin/env python3
"""The CLIP image tower written in Python on the machine's PyTorch, for the ratio to
rscir's C++ encoder in bench/gpu/run.sh: the same forward as core/clip/clip_model.cpp
(its defaults: fused attention where PyTorch has it, LayerNorm computed in fp32, exact GELU,
class token through ln_post and the projection, L2 normalisation), the same weights,
batches and dtypes, timed the same way.

    python3 bench/gpu/torch_forward.py --info
    python3 bench/gpu/torch_forward.py --device cuda --models DIR --work DIR --out python.json \
        [--archs B-32,L-14] [--dtypes fp16,bf16] [--batches 1,8,32,128,256] [--seconds 1] [--deadline EPOCH]

--info prints what the build needs to know about this PyTorch (version, CUDA, the C++ ABI,
torch.utils.cmake_prefix_path, the card). Without PyTorch both write what they can and say
why the rest was skipped; the exit status is 0 either way.
"""
import argparse
import glob
import json
import math
import os
import struct
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    import torch.utils

    TORCH_ERROR = None
except Exception as e:  # no NumPy or PyTorch for this interpreter (Debian's python3, say)
    torch = None
    TORCH_ERROR = "%s: %s" % (type(e).__name__, e)

DTYPES = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16"}


def published_peak_tflops(name):
    """The card's published dense FP16/BF16 Tensor Core throughput, where known."""
    name = name.upper()
    if "H200" in name:
        return 989.0
    if "H100" in name:
        if "PCIE" in name:
            return 756.0
        if "NVL" in name:
            return 835.0
        return 989.0  # SXM (HBM3)
    if "A100" in name:
        return 312.0
    return None


def info():
    d = {"python": sys.version.split()[0], "executable": sys.executable, "torch": None}
    if torch is None:
        d["torch_error"] = TORCH_ERROR
        return d
    d["torch"] = torch.__version__
    d["cuda"] = torch.version.cuda
    d["cuda_available"] = torch.cuda.is_available()
    d["cxx11_abi"] = int(bool(torch._C._GLIBCXX_USE_CXX11_ABI))
    d["cmake_prefix_path"] = torch.utils.cmake_prefix_path
    d["torch_lib"] = os.path.join(os.path.dirname(torch.__file__), "lib")
    site = os.path.dirname(os.path.dirname(torch.__file__))
    d["nvidia_lib_dirs"] = sorted(glob.glob(os.path.join(site, "nvidia", "*", "lib")) +
                                  glob.glob(os.path.join(site, "nvidia", "cu*", "lib")))
    if torch.cuda.is_available():
        p = torch.cuda.get_device_properties(0)
        d["gpu"] = p.name
        d["capability"] = "%d.%d" % (p.major, p.minor)
        d["multiprocessors"] = p.multi_processor_count
        d["memory_gib"] = round(p.total_memory / 2**30, 1)
        d["published_peak_tflops"] = published_peak_tflops(p.name)
    return d


def read_safetensors(path):
    """name -> float32 numpy array (a view of the file)."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    arrays = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError("%s: %s is %s, expected F32" % (path, name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        arrays[name] = data[begin:end].view(np.float32).reshape(entry["shape"])
    return arrays


def attend(q, k, v):
    """As the C++ encoder: one fused kernel where PyTorch has it (2.0 and later), else
    matmul, softmax in fp32, matmul."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v)
    scores = (q * (1.0 / math.sqrt(q.shape[-1]))) @ k.transpose(-2, -1)
    return torch.softmax(scores.float(), dim=-1).to(q.dtype) @ v


class Model:
    """The image tower's weights on the device: LayerNorm parameters in fp32 and, for the
    half kernel, in the compute type; everything else in the compute type."""

    def __init__(self, path, device, dtype):
        arrays = read_safetensors(path)
        self.dtype = dtype
        self.w = {}
        for name, array in arrays.items():
            if not name.startswith("visual."):
                continue
            tensor = torch.from_numpy(np.array(array)).to(device)
            if "ln_" in name:
                self.w[name] = tensor
                self.w[name + ".low"] = tensor.to(dtype)
            else:
                self.w[name] = tensor.to(dtype)
        conv = self.w["visual.conv1.weight"]
        self.width, self.patch = conv.shape[0], conv.shape[2]
        self.layers = len({k.split(".")[3] for k in self.w if k.startswith("visual.transformer.resblocks.")})
        self.heads = max(1, self.width // 64)
        grid = int(round(math.sqrt(self.w["visual.positional_embedding"].shape[0] - 1)))
        self.image_size = grid * self.patch

    def layer_norm(self, x, prefix):
        w, b = self.w[prefix + "weight"], self.w[prefix + "bias"]
        if x.dtype == torch.float32:
            return F.layer_norm(x, (self.width,), w, b, 1e-5)
        if x.is_cuda:  # the half kernel computes in fp32
            return F.layer_norm(x, (self.width,), self.w[prefix + "weight.low"], self.w[prefix + "bias.low"], 1e-5)
        return F.layer_norm(x.float(), (self.width,), w, b, 1e-5).to(x.dtype)

    def block(self, x, i):
        p = "visual.transformer.resblocks.%d." % i
        w = self.w
        b, n, width = x.shape
        y = self.layer_norm(x, p + "ln_1.")
        qkv = F.linear(y, w[p + "attn.in_proj_weight"], w[p + "attn.in_proj_bias"])
        qkv = qkv.view(b, n, 3, self.heads, width // self.heads).permute(2, 0, 3, 1, 4)
        out = attend(qkv[0], qkv[1], qkv[2])
        out = out.permute(0, 2, 1, 3).reshape(b, n, width)
        x = x + F.linear(out, w[p + "attn.out_proj.weight"], w[p + "attn.out_proj.bias"])
        y = self.layer_norm(x, p + "ln_2.")
        y = F.gelu(F.linear(y, w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"]))
        return x + F.linear(y, w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"])

    def encode(self, pixels):
        w = self.w
        batch = pixels.shape[0]
        x = F.conv2d(pixels.to(self.dtype), w["visual.conv1.weight"], stride=self.patch)
        x = x.reshape(batch, self.width, -1).permute(0, 2, 1)
        cls = w["visual.class_embedding"].view(1, 1, -1).expand(batch, 1, self.width)
        x = torch.cat([cls, x], dim=1) + w["visual.positional_embedding"]
        x = self.layer_norm(x, "visual.ln_pre.")
        for i in range(self.layers):
            x = self.block(x, i)
        x = self.layer_norm(x[:, 0], "visual.ln_post.")
        x = (x @ w["visual.proj"]).float()
        return x / x.norm(dim=-1, keepdim=True)


def image_flops(m):
    grid = m.image_size // m.patch
    n, w = grid * grid + 1, m.width
    patch = 2.0 * grid * grid * 3 * m.patch * m.patch * w
    block = 2.0 * n * w * 12 * w + 4.0 * n * n * w
    return patch + m.layers * block + 2.0 * w * m.w["visual.proj"].shape[1]


class Bench:
    def __init__(self, args):
        self.args = args
        self.device = torch.device("cuda" if args.device == "cuda" else "cpu")
        self.cuda = self.device.type == "cuda"
        self.result = {"skipped": [], "errors": []}
        self.references = {}  # arch -> fp32 embeddings of the probe images

    def time_left(self, reserve=0.0):
        return time.time() + reserve < self.args.deadline

    def skip(self, what, why):
        self.result["skipped"].append({"what": what, "why": why})
        print("torch_forward: skipped %s: %s" % (what, why), file=sys.stderr, flush=True)

    def sync(self):
        if self.cuda:
            torch.cuda.synchronize()

    def save(self):
        with open(self.args.out + ".part", "w") as f:
            json.dump(self.result, f, indent=1)
        os.replace(self.args.out + ".part", self.args.out)

    def measure(self, once):
        """As bench_gpu: a warm-up, one timed run, then as many as fit (3 to 200)."""
        once()
        self.sync()
        start = time.perf_counter()
        once()
        self.sync()
        first = time.perf_counter() - start
        runs = min(200, max(3, int(self.args.seconds / max(first, 1e-6))))
        start = time.perf_counter()
        for _ in range(runs):
            once()
            self.sync()
        return (time.perf_counter() - start) / runs, runs

    def peak_memory(self):
        if not self.cuda:
            return None
        return {"allocated": torch.cuda.max_memory_allocated() / 2**20,
                "reserved": torch.cuda.max_memory_reserved() / 2**20}

    def matmul_peak(self):
        n = 8192 if self.cuda else 1024
        dtype = torch.bfloat16 if self.cuda else torch.float32
        a = torch.randn(n, n, device=self.device, dtype=dtype)
        b = torch.randn(n, n, device=self.device, dtype=dtype)
        c = torch.empty(n, n, device=self.device, dtype=dtype)
        seconds, runs = self.measure(lambda: torch.matmul(a, b, out=c))
        self.result["matmul_peak"] = {"dtype": "bf16" if self.cuda else "fp32", "size": n, "runs": runs,
                                      "ms": seconds * 1e3, "tflops": 2.0 * n ** 3 / seconds / 1e12}

    def run(self):
        a = self.args
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        self.result["environment"] = info()
        if a.device == "cuda" and not torch.cuda.is_available():
            self.skip("everything", "no CUDA device for this PyTorch")
            return
        with torch.inference_mode():
            try:
                self.matmul_peak()
            except Exception as e:
                self.result["errors"].append({"where": "matmul_peak", "what": repr(e)})
            self.save()
            for arch in a.archs:
                path = os.path.join(a.models, arch + ".safetensors")
                if not os.path.exists(path):
                    self.skip("ViT-" + arch, path + " is missing")
                    continue
                for dtype_name in a.dtypes:
                    if not self.time_left(15):
                        self.skip("ViT-%s %s" % (arch, dtype_name), "time budget")
                        continue
                    try:
                        self.model(path, arch, dtype_name)
                    except Exception as e:
                        self.result["errors"].append({"where": "ViT-%s %s" % (arch, dtype_name), "what": repr(e)})
                        print("torch_forward: ViT-%s %s: %r" % (arch, dtype_name, e), file=sys.stderr, flush=True)
                    if self.cuda:
                        torch.cuda.empty_cache()
                    self.save()
            if a.profile and self.cuda and self.time_left(20):
                try:
                    self.profile()
                except Exception as e:
                    self.result["errors"].append({"where": "profile", "what": repr(e)})
                self.save()

    def profile(self):
        """Where the forward's device time goes (--profile ARCH:DTYPE:BATCH): kernels grouped
        into matrix products, attention, LayerNorm, GELU and the rest, over three forwards."""
        arch, dtype_name, batch = self.args.profile.split(":")
        batch = int(batch)
        dtype = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}[dtype_name]
        m = Model(os.path.join(self.args.models, arch + ".safetensors"), self.device, dtype)
        pixels = torch.rand(batch, 3, m.image_size, m.image_size, device=self.device) * 4 - 2
        for _ in range(3):
            m.encode(pixels)
        torch.cuda.synchronize()
        from torch.profiler import profile, ProfilerActivity
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            for _ in range(3):
                m.encode(pixels)
            torch.cuda.synchronize()
        groups = {}
        kernels = []
        total = 0.0
        for e in prof.key_averages():
            us = getattr(e, "self_device_time_total", None)
            if us is None:
                us = getattr(e, "self_cuda_time_total", 0.0)
            if us <= 0:
                continue
            name = e.key
            low = name.lower()
            if "flash" in low or "fmha" in low or "attention" in low or "cudnn" in low and "sdpa" in low:
                group = "attention"
            elif "gemm" in low or "cutlass" in low or "sm90" in low or "nvjet" in low or "cublas" in low:
                group = "matrix products"
            elif "layer_norm" in low or "layernorm" in low:
                group = "layernorm"
            elif "gelu" in low:
                group = "gelu"
            elif "conv" in low:
                group = "patch convolution"
            else:
                group = "other elementwise and copies"
            groups[group] = groups.get(group, 0.0) + us
            total += us
            kernels.append({"name": name[:160], "group": group, "ms_per_forward": us / 3e3, "calls": e.count // 3})
        kernels.sort(key=lambda k: -k["ms_per_forward"])
        self.result["profile"] = {
            "arch": arch, "dtype": dtype_name, "batch": batch, "ms_per_forward": total / 3e3,
            "groups_ms_per_forward": {k: v / 3e3 for k, v in sorted(groups.items(), key=lambda kv: -kv[1])},
            "kernels": kernels[:25]}
        print("torch_forward: profile %s %s batch %d: %.2f ms a forward on the device; %s" % (
            arch, dtype_name, batch, total / 3e3,
            ", ".join("%s %.2f ms" % (k, v / 3e3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1]))),
            file=sys.stderr, flush=True)
        for k in kernels[:12]:
            print("torch_forward:   %7.3f ms x%d %s" % (k["ms_per_forward"], k["calls"], k["name"][:110]),
                  file=sys.stderr, flush=True)

    def model(self, path, arch, dtype_name):
        a = self.args
        dtype = getattr(torch, DTYPES[dtype_name])
        start = time.perf_counter()
        m = Model(path, self.device, dtype)
        self.sync()
        print("torch_forward: ViT-%s %s loaded in %.1f s" % (arch, dtype_name, time.perf_counter() - start),
              file=sys.stderr, flush=True)
        flops = image_flops(m)
        host_all = torch.rand(max(a.batches), 3, m.image_size, m.image_size) * 4 - 2
        for batch in a.batches:
            what = "ViT-%s %s batch %d" % (arch, dtype_name, batch)
            if not self.time_left(8):
                self.skip(what, "time budget")
                continue
            if self.cuda:
                torch.cuda.empty_cache()
                torch.cuda.reset_peak_memory_stats()
            host = host_all[:batch].contiguous()
            on_device = host.to(self.device)
            forward_s, forward_runs = self.measure(lambda: m.encode(on_device))
            del on_device

            def end_to_end():
                # As the C++ encoder: staged in pinned memory, copied without blocking,
                # one synchronisation when the embeddings come back.
                if self.cuda:
                    staging = torch.empty(host.shape, dtype=torch.float32, pin_memory=True)
                    staging.copy_(host)
                    pixels = staging.to(self.device, non_blocking=True)
                else:
                    pixels = host
                return m.encode(pixels).cpu()

            e2e_s, e2e_runs = self.measure(end_to_end)
            self.result.setdefault("image_throughput", []).append({
                "arch": arch, "dtype": dtype_name, "batch": batch, "gflop_per_image": flops / 1e9,
                "forward": {"ms": forward_s * 1e3, "runs": forward_runs, "images_per_s": batch / forward_s},
                "end_to_end": {"ms": e2e_s * 1e3, "runs": e2e_runs, "images_per_s": batch / e2e_s},
                "tflops": batch / forward_s * flops / 1e12,
                "peak_memory_mib": self.peak_memory(),
            })
            print("torch_forward: %s: %.1f images/s on the device, %.1f from host memory"
                  % (what, batch / forward_s, batch / e2e_s), file=sys.stderr, flush=True)
        self.probe(m, arch, dtype_name, path)

    def probe(self, m, arch, dtype_name, path):
        """The C++ embeddings of the probe images against this forward, in the same dtype
        and in fp32 (the reference for both)."""
        work = self.args.work
        pixels_file = os.path.join(work, "probe_pixels_%s.npy" % arch)
        cpp_file = os.path.join(work, "probe_%s_%s.npy" % (arch, dtype_name))
        if not (os.path.exists(pixels_file) and os.path.exists(cpp_file)):
            self.skip("probe ViT-%s %s" % (arch, dtype_name), "no C++ probe embeddings in " + work)
            return
        pixels = torch.from_numpy(np.load(pixels_file)).to(self.device)
        cpp = torch.from_numpy(np.load(cpp_file)).double()
        same = m.encode(pixels).double().cpu()
        if arch not in self.references:
            self.references[arch] = Model(path, self.device, torch.float32).encode(pixels).double().cpu()
        reference = self.references[arch]

        def compare(x, y):
            cos = (x * y).sum(-1) / (x.norm(dim=-1) * y.norm(dim=-1))
            return {"max_abs": float((x - y).abs().max()), "min_cos": float(cos.min())}

        self.result.setdefault("probes", []).append({
            "arch": arch, "dtype": dtype_name, "images": int(pixels.shape[0]),
            "cpp_vs_python_same_dtype": compare(cpp, same),
            "cpp_vs_python_fp32": compare(cpp, reference),
            "python_vs_python_fp32": compare(same, reference),
        })


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", action="store_true")
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    parser.add_argument("--models", default=".")
    parser.add_argument("--work", default=".")
    parser.add_argument("--out", default="python.json")
    parser.add_argument("--archs", default="B-32,L-14")
    parser.add_argument("--dtypes", default="")
    parser.add_argument("--batches", default="1,8,32,128,256")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--deadline", type=float, default=0.0)
    parser.add_argument("--profile", default="", help="ARCH:DTYPE:BATCH, e.g. L-14:fp16:128")
    args = parser.parse_args()
    if args.info:
        print(json.dumps(info()))
        return
    args.archs = [x for x in args.archs.split(",") if x]
    args.dtypes = [x for x in args.dtypes.split(",") if x] or (["fp16", "bf16"] if args.device == "cuda" else ["fp32"])
    args.batches = [int(x) for x in args.batches.split(",") if x]
    if args.deadline <= 0:
        args.deadline = time.time() + 3600
    if torch is None:
        with open(args.out, "w") as f:
            json.dump({"skipped": [{"what": "the Python forward", "why": "no PyTorch for %s (%s)"
                                    % (sys.executable, TORCH_ERROR)}], "environment": info()}, f, indent=1)
        print("torch_forward: no PyTorch here; the Python forward is skipped", file=sys.stderr)
        return
    bench = Bench(args)
    try:
        bench.run()
    finally:
        bench.save()


if __name__ == "__main__":
    main()
