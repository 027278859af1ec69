#!/usr/bin/python3
"""Trains the PHI token classifier of the text engine (see README.md next to this file).

    /usr/bin/python3 tools/text-model/train.py --data /tmp/text-model/data --mode cv --out /tmp/text-model/cv
    /usr/bin/python3 tools/text-model/train.py --data /tmp/text-model/data --mode all \
        --threshold T --out models/text-phi-token

Input: the matrix written by export-features.mjs (CSR features, labels, groups). Groups: -1 for the
synthetic notes, else the PhysioNet patient number; the 2-fold cross-validation splits the dev-half
patients by (patient / 2) % 2.

--mode cv  trains two models, each on the synthetic notes plus one fold, into OUT/test-fold-F/
           (the model to evaluate on fold F), for tools/text-model/eval.mjs.
--mode all trains the shipped model on the synthetic notes plus the whole dev half and writes
           OUT/model.onnx, OUT/weights.bin + OUT/weights.json (what the engine reads) and
           OUT/reference.json (fixed inputs and their outputs, computed from the ONNX initializers).

Architecture: input (sparse, FEATURE_COUNT) -> 64 -> ReLU -> 32 -> ReLU -> 6 classes -> softmax.
The first layer is trained as an EmbeddingBag (sum of the weighted columns of the active features),
which is exactly a dense Linear layer over the sparse input. CPU only, one thread, fixed seed.
"""
import argparse
import hashlib
import json
import os
import random

import numpy as np
import torch
from torch import nn

CLASSES = ["O", "NAME", "LOCATION", "DATE", "PHONE", "OTHER"]


def load(data):
    meta = json.load(open(os.path.join(data, "meta.json")))
    rd = lambda name, dt: np.fromfile(os.path.join(data, name), dtype=dt)
    return (
        meta,
        rd("indptr.i32", "<i4").astype(np.int64),
        rd("indices.i32", "<i4").astype(np.int64),
        rd("values.f32", "<f4"),
        rd("labels.u8", "u1").astype(np.int64),
        rd("groups.i32", "<i4"),
    )


class Mlp(nn.Module):
    def __init__(self, n_in, h1, h2, n_out):
        super().__init__()
        self.first = nn.EmbeddingBag(n_in, h1, mode="sum")
        self.b1 = nn.Parameter(torch.zeros(h1))
        self.second = nn.Linear(h1, h2)
        self.third = nn.Linear(h2, n_out)
        nn.init.normal_(self.first.weight, std=(1.0 / 24) ** 0.5)  # about 24 active features a row

    def forward(self, idx, offsets, weights):
        a1 = torch.relu(self.first(idx, offsets, per_sample_weights=weights) + self.b1)
        a2 = torch.relu(self.second(a1))
        return self.third(a2)


def batch(rows, indptr, indices, values):
    starts = indptr[rows]
    ends = indptr[rows + 1]
    lens = ends - starts
    flat = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends)])
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    return (
        torch.from_numpy(indices[flat]),
        torch.from_numpy(offsets.astype(np.int64)),
        torch.from_numpy(values[flat]),
    )


def train(rows, data, args, seed):
    meta, indptr, indices, values, labels, groups = data
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)
    net = Mlp(meta["featureCount"], args.h1, args.h2, len(CLASSES))
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    # Real notes count more than synthetic ones; PHI classes a little more than O.
    class_weight = torch.tensor([1.0] + [args.phi_weight] * (len(CLASSES) - 1))
    loss_fn = nn.CrossEntropyLoss(weight=class_weight, reduction="none")
    rng = np.random.default_rng(seed)
    for epoch in range(args.epochs):
        order = rng.permutation(len(rows))
        total = 0.0
        for b in range(0, len(order), args.batch):
            sel = rows[order[b : b + args.batch]]
            idx, off, w = batch(sel, indptr, indices, values)
            y = torch.from_numpy(labels[sel])
            rw = torch.from_numpy(np.where(groups[sel] >= 0, args.real_weight, args.synthetic_weight).astype(np.float32))
            loss = (loss_fn(net(idx, off, w), y) * rw).sum() / rw.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(sel)
        for g in opt.param_groups:
            g["lr"] *= args.lr_decay
        print(f"  epoch {epoch + 1}: loss {total / len(rows):.4f}", flush=True)
    return net


def tensors(net):
    """The layers in the engine's order: (weight [out, in], bias [out]) as float32 numpy arrays."""
    return [
        (net.first.weight.detach().numpy().T.copy(), net.b1.detach().numpy().copy()),
        (net.second.weight.detach().numpy().copy(), net.second.bias.detach().numpy().copy()),
        (net.third.weight.detach().numpy().copy(), net.third.bias.detach().numpy().copy()),
    ]


def write_weights(out, layers, meta, threshold, extra=None):
    os.makedirs(out, exist_ok=True)
    parts = []
    refs = []
    offset = 0
    for w, b in layers:
        refs.append(
            {
                "weight": {"offset": offset, "shape": list(w.shape)},
                "bias": {"offset": offset + w.size, "shape": list(b.shape)},
            }
        )
        offset += w.size + b.size
        parts += [w.astype("<f4").ravel(), b.astype("<f4").ravel()]
    blob = np.concatenate(parts).astype("<f4").tobytes()
    with open(os.path.join(out, "weights.bin"), "wb") as f:
        f.write(blob)
    header = {
        "format": "medimagecleaner-mlp/1",
        "featureVersion": meta["featureVersion"],
        "featureCount": meta["featureCount"],
        "classes": CLASSES,
        "threshold": threshold,
        "sha256": hashlib.sha256(blob).hexdigest(),
        "layers": refs,
    }
    if extra:
        header.update(extra)
    with open(os.path.join(out, "weights.json"), "w") as f:
        json.dump(header, f, indent=1)
        f.write("\n")


def write_onnx(out, layers, n_in):
    os.makedirs(out, exist_ok=True)
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits = []
    nodes = []
    prev = "features"
    for i, (w, b) in enumerate(layers):
        inits += [numpy_helper.from_array(w.astype(np.float32), f"w{i + 1}"), numpy_helper.from_array(b.astype(np.float32), f"b{i + 1}")]
        out_name = f"z{i + 1}"
        nodes.append(helper.make_node("Gemm", [prev, f"w{i + 1}", f"b{i + 1}"], [out_name], transB=1))
        if i < len(layers) - 1:
            nodes.append(helper.make_node("Relu", [out_name], [f"a{i + 1}"]))
            prev = f"a{i + 1}"
        else:
            nodes.append(helper.make_node("Softmax", [out_name], ["probabilities"], axis=1))
    graph = helper.make_graph(
        nodes,
        "text-phi-token",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", n_in])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", len(CLASSES)])],
        inits,
    )
    model = helper.make_model(graph, producer_name="medimagecleaner tools/text-model/train.py", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    model.doc_string = "PHI token classifier; classes " + ",".join(CLASSES)
    onnx.checker.check_model(model)
    path = os.path.join(out, "model.onnx")
    onnx.save(model, path)
    return path


def onnx_forward(path, x):
    """Runs the saved ONNX graph's Gemm/Relu/Softmax chain with numpy, from its own initializers."""
    import onnx
    from onnx import numpy_helper

    m = onnx.load(path)
    init = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    a = x.astype(np.float64)
    for node in m.graph.node:
        if node.op_type == "Gemm":
            a = a @ init[node.input[1]].astype(np.float64).T + init[node.input[2]]
        elif node.op_type == "Relu":
            a = np.maximum(a, 0)
        elif node.op_type == "Softmax":
            e = np.exp(a - a.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    return a


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/tmp/text-model/data")
    p.add_argument("--out", required=True)
    p.add_argument("--mode", choices=["cv", "all"], required=True)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--lr-decay", type=float, default=0.8)
    p.add_argument("--weight-decay", type=float, default=1e-6)
    p.add_argument("--h1", type=int, default=64)
    p.add_argument("--h2", type=int, default=32)
    p.add_argument("--real-weight", type=float, default=5.0)
    p.add_argument("--synthetic-weight", type=float, default=1.0, help="0 leaves the synthetic notes out")
    p.add_argument("--phi-weight", type=float, default=2.0)
    p.add_argument("--threshold", type=float, default=0.99)
    args = p.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    data = load(args.data)
    meta, _, _, _, labels, groups = data
    real = groups >= 0
    use = real | (args.synthetic_weight > 0)
    fold = np.where(real, (groups // 2) % 2, -1)
    if args.mode == "cv":
        for test_fold in (0, 1):
            rows = np.nonzero(use & ((~real) | (fold != test_fold)))[0]
            print(f"test fold {test_fold}: training on {len(rows)} tokens", flush=True)
            net = train(rows, data, args, args.seed)
            write_weights(os.path.join(args.out, f"test-fold-{test_fold}"), tensors(net), meta, args.threshold)
        return
    rows = np.nonzero(use)[0]
    print(f"all: training on {len(rows)} tokens", flush=True)
    net = train(rows, data, args, args.seed)
    layers = tensors(net)
    path = write_onnx(args.out, layers, meta["featureCount"])
    onnx_sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    write_weights(args.out, layers, meta, args.threshold, {"onnxSha256": onnx_sha})
    # Reference outputs: a few fixed sparse inputs (seeded), run through the ONNX file's initializers.
    rng = np.random.default_rng(7)
    inputs = []
    for k in range(8):
        n_active = 10 + 4 * k
        idx = sorted(rng.choice(meta["featureCount"], size=n_active, replace=False).tolist())
        vals = [1.0 if rng.random() < 0.7 else round(float(rng.random()), 3) for _ in idx]
        inputs.append({"indices": idx, "values": vals})
    x = np.zeros((len(inputs), meta["featureCount"]), dtype=np.float32)
    for r, inp in enumerate(inputs):
        x[r, inp["indices"]] = inp["values"]
    probs = onnx_forward(path, x)
    with torch.no_grad():
        idx, off, w = (
            torch.tensor([i for inp in inputs for i in inp["indices"]]),
            torch.tensor(np.concatenate([[0], np.cumsum([len(i["indices"]) for i in inputs])[:-1]]).astype(np.int64)),
            torch.tensor([v for inp in inputs for v in inp["values"]], dtype=torch.float32),
        )
        torch_probs = torch.softmax(net(idx, off, w), dim=1).numpy()
    assert np.abs(torch_probs - probs).max() < 1e-4, "ONNX and torch disagree"
    for inp, pr in zip(inputs, probs):
        inp["probabilities"] = [round(float(v), 7) for v in pr]
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump({"source": "model.onnx initializers, numpy float64", "cases": inputs}, f)
        f.write("\n")
    print(f"wrote {path} (sha256 {onnx_sha})")


if __name__ == "__main__":
    main()
