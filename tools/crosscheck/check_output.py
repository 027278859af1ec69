#!/usr/bin/python3
"""Reads de-identified output with pydicom (an independent reader) and checks it against an answer
key: no PHI string in any element value at any depth (private, UN, file meta included), in any raw
byte, or in any path; must-keep values unchanged. Prints a JSON verdict; exit 1 on any leak.

usage: check_output.py <output-dir> <answer-key.json> [--allow <phi-key> ...]
(--allow names answer-key entries a policy keeps on purpose, e.g. `serial` under Retain Device Identity)
"""
import json
import os
import sys

import pydicom

out_dir, key_path = sys.argv[1], sys.argv[2]
allowed = {sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--allow" and i + 1 < len(sys.argv)}
key = json.load(open(key_path))
skip = {key["named"][k].lower() for k in allowed if k in key.get("named", {})}
needles = sorted({n.lower() for n in key["phi"] if len(n) >= 4} - skip, key=len, reverse=True)
leaks = []
files = []


def texts(ds, path=""):
    for elem in ds:
        where = f"{path}{elem.tag}"
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value or []):
                yield from texts(item, f"{where}[{i}]")
            continue
        value = elem.value
        if isinstance(value, (bytes, bytearray)):
            if elem.tag == 0x7FE00010:
                continue
            yield where, value.decode("latin-1", "replace")
        elif value is not None:
            yield where, str(value)


for root, _dirs, names in os.walk(out_dir):
    for name in names:
        full = os.path.join(root, name)
        rel = os.path.relpath(full, out_dir)
        for n in needles:
            if n in rel.lower() or n.replace("^", "_") in rel.lower():
                leaks.append({"file": rel, "where": "path", "phi": n})
        if not name.endswith(".dcm"):
            continue
        files.append(rel)
        raw = open(full, "rb").read()
        ds = pydicom.dcmread(full)
        pixel = bytes(ds.PixelData) if "PixelData" in ds else b""
        outside = raw.replace(pixel, b"") if pixel else raw
        low = outside.lower()
        for n in needles:
            for enc in ("latin-1", "utf-8"):
                if n.encode(enc, "ignore") in low or n.replace("^", " ").encode(enc, "ignore") in low:
                    leaks.append({"file": rel, "where": "raw bytes", "phi": n})
                    break
        for where, text in list(texts(ds.file_meta, "meta")) + list(texts(ds)):
            t = text.lower()
            for n in needles:
                if n in t or n.replace("^", " ") in t:
                    leaks.append({"file": rel, "where": where, "phi": n})

changed = []
for rel in files:
    ds = pydicom.dcmread(os.path.join(out_dir, rel))
    for keyword, want in key.get("keep", {}).items():
        if keyword in ds and str(ds.data_element(keyword).value) != str(want):
            changed.append({"file": rel, "keyword": keyword})
    if "PixelData" in ds and key.get("pixel_sha256"):
        import hashlib
        if hashlib.sha256(bytes(ds.PixelData)).hexdigest() != key["pixel_sha256"]:
            changed.append({"file": rel, "keyword": "PixelData"})

# Consistency: one study, one frame of reference, one patient pseudonym across the files; the MR's
# reference to the CT follows the CT's new SOP Instance UID; no original UID survives.
inconsistent = []
datasets = {rel: pydicom.dcmread(os.path.join(out_dir, rel)) for rel in files}
for keyword in ("StudyInstanceUID", "PatientID", "PatientName"):
    values = {str(ds.get(keyword, "")) for ds in datasets.values()}
    if len(values) != 1:
        inconsistent.append({"keyword": keyword, "distinct": len(values)})
sops = {str(ds.SOPInstanceUID) for ds in datasets.values()}
for rel, ds in datasets.items():
    if str(ds.file_meta.MediaStorageSOPInstanceUID) != str(ds.SOPInstanceUID):
        inconsistent.append({"file": rel, "keyword": "MediaStorageSOPInstanceUID"})
    if ds.Modality == "MR" and "ReferencedImageSequence" in ds:
        if str(ds.ReferencedImageSequence[0].ReferencedSOPInstanceUID) not in sops:
            inconsistent.append({"file": rel, "keyword": "ReferencedSOPInstanceUID"})
    if str(ds.get("PatientIdentityRemoved", "")) != "YES":
        inconsistent.append({"file": rel, "keyword": "PatientIdentityRemoved"})

print(json.dumps({"files": len(files), "leaks": leaks, "changed": changed, "inconsistent": inconsistent}, indent=1))
sys.exit(1 if leaks or changed or inconsistent or not files else 0)
