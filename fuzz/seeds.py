#!/usr/bin/python3
"""Writes seed corpora for the fuzz targets into OUT/<target>/: small inputs generated
here, and pieces of ../shared/conformance where it is present (never committed).

    /usr/bin/python3 fuzz/seeds.py build-fuzz/corpus
"""
import io, json, os, struct, sys, zipfile, zlib

out = sys.argv[1]
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "conformance")

def put(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

# A torch.save state dict of one float tensor of 4 values, as protocol 2 writes it.
def state_dict_pickle():
    p = b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01X\x01\x00\x00\x00wq\x02ctorch._utils\n_rebuild_tensor_v2\nq\x03((X\x07\x00\x00\x00storageq\x04ctorch\nFloatStorage\nq\x05X\x01\x00\x00\x000q\x06X\x03\x00\x00\x00cpuq\x07K\x04tq\x08QK\x00K\x04\x85K\x01\x85\x89ccollections\nOrderedDict\n)Rtq\tRq\nsb."
    return p

def torch_zip(pickle, records):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle)
        for name, data in records.items():
            z.writestr("archive/" + name, data)
        z.writestr("archive/version", "3\n")
    return buffer.getvalue()

sd = state_dict_pickle()
put("pickle", "state_dict", sd)
put("torch_zip", "zip_one_tensor", torch_zip(sd, {"data/0": struct.pack("<4f", 1, 2, 3, 4)}))
put("checkpoint", "zip_one_tensor", torch_zip(sd, {"data/0": struct.pack("<4f", 1, 2, 3, 4)}))
header = json.dumps({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}, "__metadata__": {"format": "pt"}}).encode()
put("checkpoint", "safetensors_2x2", struct.pack("<Q", len(header)) + header + struct.pack("<4f", 1, 2, 3, 4))
if os.path.isdir(shared):
    for model, file in (("gelu_b32", "open_clip.pt"), ("quickgelu_b32", "openai_jit.pt")):
        with zipfile.ZipFile(os.path.join(shared, "models", model, file)) as z:
            for name in z.namelist():
                if name.endswith("/data.pkl"):
                    pickle = z.read(name)
                    put("pickle", model + "_data.pkl", pickle)
                    put("torch_zip", model + ".pt", torch_zip(pickle, {}))
                    put("checkpoint", model + ".pt", torch_zip(pickle, {}))
# .npy files, format 1 and 3.
def npy(descr, shape, data, version=1):
    h = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    h += " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
    length = struct.pack("<H", len(h)) if version == 1 else struct.pack("<I", len(h))
    return b"\x93NUMPY" + bytes([version, 0]) + length + h.encode() + data
put("npy", "f32", npy("<f4", "(2, 2)", struct.pack("<4f", 1, 2, 3, 4)))
put("npy", "f16", npy("<f2", "(3,)", b"\x00\x3c\x00\x40\x00\x42"))
put("npy", "i64v3", npy("<i8", "(1,)", struct.pack("<q", 7), 3))
# Text: prompts, entities, invalid UTF-8; vocabulary files behind a first byte 0, 1, 2.
for i, text in enumerate(["a photo of a pool, but oval", "Stra\u00dfe &amp; caf\u00e9 \u201cquoted\u201d", "tennis court\x00red",
                          "<|startoftext|> x <|endoftext|>", "don't it's we'll"]):
    put("text", "text%d" % i, text.encode("utf-8", "surrogatepass"))
put("text", "invalid", b"pool \xc3\x28\xff\xfe")
put("text", "bpe", b"\x00#version\na b\nab c\n")
put("text", "bpe_gz", b"\x01" + zlib.compress(b"#version\na b\n"))
put("text", "vocab_json", b"\x02" + json.dumps({"a": 0, "b": 1, "<|endoftext|>": 2}).encode())
put("catalogue", "entries.json", json.dumps([{"name": "local", "url": "https://example.org/m.pt", "file": "m.pt",
    "sha256": "0" * 64, "size": 10, "activation": "gelu", "default_lambda": 0.5}]))
put("catalogue", "empty.json", "[]")
put("patterncom", "list", "images/a.jpg 0 airplane\nimages/b.jpg 1 tennis_court\n" + "airplane_1.jpg,red,tennis_court_1.jpg\n")
put("index_json", "footprint", "[[10.0,50.0],[10.1,50.0],[10.1,49.9],[10.0,49.9],[10.0,50.0]]")
put("index_json", "settings", json.dumps({"tile": 256, "overlap": 0, "bands": [4, 3, 2], "stretch": 1}))
# Saved queries (with a polygon, a box, an item), areas (GeoJSON, WKT) and benchmark CSVs.
put("saved_query", "polygon.json", json.dumps({"rscir_query": 1, "terms": [{"role": "want", "text": "a pool, but oval"},
    {"role": "avoid", "image": "q.png"}], "method": "weicom", "lambda": 0.5,
    "area": {"wkt": "POLYGON((10 10,11 10,11 11,10 11,10 10))", "label": "a"}}))
put("saved_query", "box.json", json.dumps({"rscir_query": 1, "terms": [{"role": "want", "item": {"index": "a.rscir",
    "id": 3, "source": "x.tif", "window": [0, 0, 256, 256]}}], "area": {"bbox": [10, 10, 11, 11]}, "results": 20}))
put("saved_query", "bowtie.json", json.dumps({"rscir_query": 1, "terms": [{"role": "want", "text": "x"}],
    "area": {"wkt": "POLYGON((10 10,11 11,11 10,10 11,10 10))"}}))
put("aoi", "feature.geojson", json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
    "geometry": {"type": "Polygon", "coordinates": [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]}}]}))
put("aoi", "mercator.geojson", json.dumps({"type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [{"type": "Feature",
    "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[1e6, 1e6], [1.1e6, 1e6], [1.1e6, 1.1e6],
    [1e6, 1e6]]]]}}]}))
put("aoi", "wkt", "MULTIPOLYGON(((10 10,11 10,11 11,10 10)),((20 20,21 20,21 21,20 20)))")
put("benchmark_csv", "xview2.csv", "image,query_default,query_alt1,query_alt2,target\npre/a.png,post quake,x,y,post/a.png\n")
put("benchmark_csv", "quoted.csv", "\ufeffimage,text,target\r\na.png,\"a pool,\r\nbut oval\",b.png;c.png;b.png\r\n")
put("stac", "catalog.json", json.dumps({"type": "Catalog", "id": "c", "stac_version": "1.1.0", "description": "d",
    "links": [{"rel": "child", "href": "./sub/collection.json"}, {"rel": "item", "href": "../up/item.json"},
              {"rel": "self", "href": "https://example.org/catalog.json"}]}))
put("stac", "item.json", json.dumps({"type": "Feature", "stac_version": "1.0.0", "id": "i", "collection": "c",
    "bbox": [10, 45, 11, 46], "geometry": None, "properties": {"datetime": None, "start_datetime": "2020-01-01T00:00:00Z",
    "platform": "sat", "gsd": 0.5, "eo:cloud_cover": 12.5},
    "assets": {"visual": {"href": "https://example.org/a.tif?sig=1", "type": "image/tiff; application=geotiff; profile=cloud-optimized",
               "roles": ["visual"], "bands": [{"name": "b1", "eo:common_name": "red"}]},
               "b04": {"href": "/b04.tif", "eo:bands": [{"name": "B04", "common_name": "red"}]}}}))
put("stac", "items.json", json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x",
    "properties": {"datetime": "2021-05-01T10:00:00Z"}, "assets": {"data": {"href": "x.tiff"}}}],
    "links": [{"rel": "next", "href": "/search?page=2&token=abc"}, {"rel": "next", "method": "POST", "href": "/search"}]}))
