#!/usr/bin/env python3
"""Merges what bench/gpu/run.sh gathered (the machine, the build, bench_gpu's results, the
Python forward's results) into one JSON document, with the fractions of the card's peak
and the C++/Python ratios worked out, and prints a short summary. Standard library only.

    python3 bench/gpu/merge.py --work build-clip/gpu-bench --out OUT/gpu_bench.json \
        --device cuda --quick 0 --exit-codes 0,0 --elapsed 400
"""
import argparse
import datetime
import json
import os


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return {"unreadable": "%s: %s" % (path, e)}


def ratio(a, b):
    return a / b if a and b else None


def worst(rows):
    """The largest difference and the smallest cosine over conformance rows."""
    if not rows:
        return None
    return {
        "max_abs": max(max(r["images"]["max_abs"], r["texts"]["max_abs"]) for r in rows),
        "min_cos": min(min(r["images"]["min_cos"], r["texts"]["min_cos"]) for r in rows),
        "all_within_tolerance": all(r["within_tolerance"] for r in rows),
        "tolerance": rows[0]["tolerance"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--quick", default="0")
    parser.add_argument("--exit-codes", default="")
    parser.add_argument("--elapsed", type=float, default=None)
    args = parser.parse_args()

    info = load(os.path.join(args.work, "info.json"))
    build = load(os.path.join(args.work, "build.json"))
    cpp = load(os.path.join(args.work, "cpp.json")) if os.path.exists(os.path.join(args.work, "cpp.json")) else {}
    python = load(os.path.join(args.work, "python.json")) if os.path.exists(
        os.path.join(args.work, "python.json")) else {}
    codes = (args.exit_codes.split(",") + ["", ""])[:2]

    published = info.get("published_peak_tflops")
    measured = (cpp.get("matmul_peak") or {}).get("tflops")
    result = {
        "schema": "rscir-gpu-bench/1",
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "run": {"device": args.device, "quick": args.quick == "1", "elapsed_seconds": args.elapsed,
                "exit_codes": {"bench_gpu": codes[0], "python": codes[1]}},
        "machine": {"python": info, "libtorch": cpp.get("environment")},
        "build": build,
        "peak": {
            "published_dense_fp16_bf16_tflops": published,
            "measured_matmul": cpp.get("matmul_peak"),
            "measured_matmul_python": python.get("matmul_peak"),
            "note": "published: the card's dense FP16/BF16 Tensor Core figure (989 for H100 SXM and "
                    "H200); measured: an 8192^3 bf16 matrix product in the same run (on a CPU: fp32, 1024^3)",
        },
    }

    conformance = cpp.get("conformance", [])
    result["conformance"] = {
        "rows": conformance,
        "by_dtype": {d: worst([r for r in conformance if r["dtype"] == d]) for d in ("fp32", "fp16", "bf16")
                     if any(r["dtype"] == d for r in conformance)},
    }

    python_rows = {(r["arch"], r["dtype"], r["batch"]): r for r in python.get("image_throughput", [])}
    throughput = []
    for r in cpp.get("image_throughput", []):
        p = python_rows.get((r["arch"], r["dtype"], r["batch"]))
        row = {
            "arch": r["arch"], "model": r["model"], "dtype": r["dtype"], "batch": r["batch"],
            "gflop_per_image": r["gflop_per_image"],
            "cpp": {"forward": r["forward"], "end_to_end": r["end_to_end"], "tflops": r["tflops"],
                    "peak_memory_mib": r["peak_memory_mib"]},
            "python": None if p is None else {"forward": p["forward"], "end_to_end": p["end_to_end"],
                                              "tflops": p["tflops"], "peak_memory_mib": p["peak_memory_mib"]},
            # above 1: the C++ encoder is faster than the same forward in Python
            "cpp_over_python_forward": None if p is None else ratio(r["forward"]["images_per_s"],
                                                                     p["forward"]["images_per_s"]),
            "cpp_over_python_end_to_end": None if p is None else ratio(r["end_to_end"]["images_per_s"],
                                                                        p["end_to_end"]["images_per_s"]),
            "fraction_of_published_peak": ratio(r["tflops"], published),
            "fraction_of_measured_matmul": ratio(r["tflops"], measured),
        }
        throughput.append(row)
    result["image_throughput"] = throughput
    result["text_latency"] = cpp.get("text_latency", [])

    ablation = cpp.get("ablation", [])
    for r in ablation:
        base = next((b for b in ablation if b["arch"] == r["arch"] and b["dtype"] == r["dtype"]
                     and b["variant"] == "default"), None)
        if base:
            r["default_speedup_forward"] = ratio(r["forward_ms"], base["forward_ms"])
            r["default_speedup_end_to_end"] = ratio(r["end_to_end_ms"], base["end_to_end_ms"])
    result["ablation"] = ablation
    result["cpu_ablation"] = cpp.get("cpu_ablation", [])
    result["staging_breakdown"] = cpp.get("staging_breakdown", [])
    result["profile"] = python.get("profile")
    result["probes"] = python.get("probes", [])
    python_peak = [r["peak_memory_mib"]["allocated"] for r in python.get("image_throughput", [])
                   if r.get("peak_memory_mib")]
    result["peak_gpu_memory_mib"] = {"cpp": cpp.get("peak_memory_mib"),
                                     "python": max(python_peak) if python_peak else None}
    result["loads"] = cpp.get("loads", [])
    result["skipped"] = [dict(s, side="bench_gpu") for s in cpp.get("skipped", [])] + \
                        [dict(s, side="python") for s in python.get("skipped", [])]
    result["errors"] = [dict(e, side="bench_gpu") for e in cpp.get("errors", [])] + \
                       [dict(e, side="python") for e in python.get("errors", [])]
    for name, data in (("bench_gpu", cpp), ("python", python)):
        if "unreadable" in data:
            result["errors"].append({"side": name, "what": data["unreadable"]})
    result["complete"] = bool(cpp.get("finished")) and not result["errors"]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".part", "w") as f:
        json.dump(result, f, indent=1)
    os.replace(args.out + ".part", args.out)

    print("conformance:", ", ".join("%s max |diff| %.2g, min cos %.6f%s" % (
        d, w["max_abs"], w["min_cos"], "" if w["all_within_tolerance"] else " (outside tolerance)")
        for d, w in result["conformance"]["by_dtype"].items()) or "none")
    print("%-8s %-5s %5s %12s %12s %9s %9s %8s" % ("model", "dtype", "batch", "C++ img/s", "Python img/s",
                                                   "C++/Py", "TFLOP/s", "of peak"))
    for r in throughput:
        p = r["python"]
        print("%-8s %-5s %5d %12.1f %12s %9s %9.2f %8s" % (
            r["arch"], r["dtype"], r["batch"], r["cpp"]["forward"]["images_per_s"],
            "%.1f" % p["forward"]["images_per_s"] if p else "-",
            "%.2f" % r["cpp_over_python_forward"] if r["cpp_over_python_forward"] else "-",
            r["cpp"]["tflops"],
            "%.1f%%" % (100 * r["fraction_of_published_peak"]) if r["fraction_of_published_peak"] else
            ("%.1f%%*" % (100 * r["fraction_of_measured_matmul"]) if r["fraction_of_measured_matmul"] else "-")))
    for r in result["text_latency"]:
        print("text %s %s %s: %.2f ms" % (r["arch"], r["dtype"], r["prompt"], r["median_ms"]))
    for e in result["errors"]:
        print("error (%s): %s" % (e.get("side"), e.get("what")))
    print("skipped: %d item(s)" % len(result["skipped"]))


if __name__ == "__main__":
    main()
