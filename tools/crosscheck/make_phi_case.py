#!/usr/bin/python3
"""Writes synthetic DICOM files with PHI in the places real archives have it, using pydicom (an
independent writer), plus an answer key. Used by the cross-tool test: our output is read back with
pydicom and dcmdump, never with our own reader.

usage: make_phi_case.py <out-dir>
"""
import hashlib
import json
import os
import sys

from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
PHI = {
    "name": "QUIXOTE^ALONSO^DE",
    "given": "ALONSO",
    "family": "QUIXOTE",
    "id": "MRN77441299",
    "other_id": "ALT-99120034",
    "birth": "19471023",
    "accession": "ACC5512093",
    "address": "17 Windmill Lane, La Mancha",
    "phone": "555-0199-4432",
    "mother": "DULCINEA^TOBOSO",
    "ref_phys": "SANCHO^PANZA",
    "perf_phys": "CERVANTES^MIGUEL",
    "operator": "ROCINANTE^HORSE",
    "institution": "Barataria Island Clinic",
    "inst_addr": "3 Governor Street, Barataria",
    "department": "Knight Errantry Radiology",
    "station": "QUIXOTE-WS-7",
    "serial": "SN-4471-QX",
    "private_value": "QUIXOTE private note",
    "overlay_text": "Patient QUIXOTE left",
    "sr_text": "Seen by Dr Sancho Panza for Alonso Quixote",
    "ward": "Ward Dulcinea Bed 4",
    "order": "ORD-88120077",
    "admission": "ADM-55321987",
    "occupation": "Knight-errant",
    "study_uid": "1.2.826.0.1.3680043.8.498.11111111111111111111",
    "series_uid": "1.2.826.0.1.3680043.8.498.22222222222222222222",
    "sop_uid_prefix": "1.2.826.0.1.3680043.8.498.3333333333333333333",
    "ref_sop_uid": "1.2.826.0.1.3680043.8.498.44444444444444444444",
    "frame_uid": "1.2.826.0.1.3680043.8.498.55555555555555555555",
}


def code(value, scheme, meaning):
    c = Dataset(); c.CodeValue = value; c.CodingSchemeDesignator = scheme; c.CodeMeaning = meaning; return c


def base(modality, sop_class, n, implicit=False):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = f"{PHI['sop_uid_prefix']}.{n}"
    meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.1"
    meta.SourceApplicationEntityTitle = "QUIXOTE_AE"
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = implicit
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = PHI["study_uid"]
    ds.SeriesInstanceUID = PHI["series_uid"] + f".{n}"
    ds.FrameOfReferenceUID = PHI["frame_uid"]
    ds.Modality = modality
    ds.PatientName = PHI["name"]
    ds.PatientID = PHI["id"]
    ds.IssuerOfPatientID = "BARATARIA"
    ds.PatientBirthDate = PHI["birth"]
    ds.PatientSex = "M"
    ds.PatientAge = "076Y"
    ds.PatientAddress = PHI["address"]
    ds.PatientTelephoneNumbers = PHI["phone"]
    ds.PatientMotherBirthName = PHI["mother"]
    ds.OtherPatientIDs = PHI["other_id"]
    ds.OtherPatientNames = PHI["name"]
    ds.PatientComments = f"Lives at {PHI['address']}"
    ds.AdditionalPatientHistory = f"Prior scan for {PHI['given']} {PHI['family']}"
    ds.AccessionNumber = PHI["accession"]
    ds.StudyID = PHI["id"][-6:]
    ds.StudyDate = "20230405"
    ds.SeriesDate = "20230405"
    ds.AcquisitionDate = "20230405"
    ds.ContentDate = "20230405"
    ds.InstanceCreationDate = "20230405"
    ds.StudyTime = "101010"
    ds.AcquisitionDateTime = "20230405101112"
    ds.StudyDescription = f"CT CHEST f/u for {PHI['given']} {PHI['family']}"
    ds.SeriesDescription = f"AXIAL {PHI['family']}"
    ds.ImageComments = f"MRN {PHI['id']} checked"
    ds.ReferringPhysicianName = PHI["ref_phys"]
    ds.PerformingPhysicianName = PHI["perf_phys"]
    ds.NameOfPhysiciansReadingStudy = PHI["perf_phys"]
    ds.OperatorsName = PHI["operator"]
    ds.InstitutionName = PHI["institution"]
    ds.InstitutionAddress = PHI["inst_addr"]
    ds.InstitutionalDepartmentName = PHI["department"]
    ds.StationName = PHI["station"]
    ds.DeviceSerialNumber = PHI["serial"]
    ds.Manufacturer = "ACME"
    ds.DateOfLastCalibration = "20230101"
    ds.add_new(0x00181012, "DA", "20230405")  # Date of Secondary Capture
    ds.PerformedProcedureStepStartDate = "20230405"
    ds.PerformedProcedureStepID = PHI["accession"]
    req = Dataset()
    req.AccessionNumber = PHI["accession"]
    req.RequestedProcedureID = PHI["accession"]
    req.ScheduledProcedureStepID = PHI["id"]
    req.RequestingPhysician = PHI["ref_phys"]
    req.StudyInstanceUID = PHI["study_uid"]
    ds.RequestAttributesSequence = Sequence([req])
    ref = Dataset()
    ref.ReferencedSOPClassUID = sop_class
    ref.ReferencedSOPInstanceUID = PHI["ref_sop_uid"]
    ds.ReferencedImageSequence = Sequence([ref])
    pat = Dataset()
    pat.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.1.1"
    pat.ReferencedSOPInstanceUID = PHI["ref_sop_uid"] + ".9"
    ds.ReferencedPatientSequence = Sequence([pat])
    ds.CurrentPatientLocation = PHI["ward"]
    ds.PatientInstitutionResidence = PHI["inst_addr"]
    ds.PhysiciansOfRecord = PHI["ref_phys"]
    ds.ReferringPhysicianAddress = PHI["inst_addr"]
    ds.ReferringPhysicianTelephoneNumbers = PHI["phone"]
    ds.ProtocolName = f"CHEST {PHI['family']}"
    ds.RequestedProcedureDescription = f"CT for {PHI['family']}"
    ds.PerformedProcedureStepDescription = f"done for {PHI['id']}"
    ds.PlacerOrderNumberImagingServiceRequest = PHI["order"]
    ds.FillerOrderNumberImagingServiceRequest = PHI["order"]
    ds.AdmissionID = PHI["admission"]
    ds.Occupation = PHI["occupation"]
    ds.PatientReligiousPreference = "KNIGHTLY ORDER"
    ds.ContentCreatorName = PHI["operator"]
    ds.CommentsOnThePerformedProcedureStep = f"Patient {PHI['family']} tolerated well"
    opid = Dataset()
    opid.PersonIdentificationCodeSequence = Sequence([code("QX17", "L", PHI["operator"])])
    opid.PersonAddress = PHI["inst_addr"]
    opid.InstitutionName = PHI["institution"]
    ds.OperatorIdentificationSequence = Sequence([opid])
    other = Dataset()
    other.PatientID = PHI["other_id"]
    other.IssuerOfPatientID = "LA MANCHA"
    other.TypeOfPatientID = "TEXT"
    ds.OtherPatientIDsSequence = Sequence([other])
    ds.add_new(0x00090010, "LO", "ACME PRIVATE")
    ds.add_new(0x00091001, "LO", PHI["private_value"])
    ds.add_new(0x00091002, "PN", PHI["name"])
    return ds


def image(ds, rows=16, cols=16):
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = cols
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelSpacing = ["0.5", "0.5"]
    ds.SliceThickness = "1.25"
    ds.KVP = "120"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.PixelData = bytes((i * 7) % 256 for i in range(rows * cols * 2))
    return ds


files = {}
ct = image(base("CT", "1.2.840.10008.5.1.4.1.1.2", 1))
ct.add_new(0x60000010, "US", 16)
ct.add_new(0x60000011, "US", 16)
ct.add_new(0x60000022, "LO", PHI["overlay_text"])
ct.add_new(0x60001500, "LO", PHI["overlay_text"])
ct.add_new(0x60004000, "LT", PHI["overlay_text"])
ct.add_new(0x60000040, "CS", "G")
ct.add_new(0x60000050, "SS", [1, 1])
ct.add_new(0x60000100, "US", 1)
ct.add_new(0x60000102, "US", 0)
ct.add_new(0x60003000, "OW", bytes(32))
files[f"{PHI['family']}_{PHI['id']}_ct.dcm"] = ct

mr = image(base("MR", "1.2.840.10008.5.1.4.1.1.4", 2, implicit=True))
# The MR references the CT instance: after de-identification the reference must follow the CT's new UID.
mr.ReferencedImageSequence[0].ReferencedSOPInstanceUID = ct.SOPInstanceUID
mr.ReferencedImageSequence[0].ReferencedSOPClassUID = ct.SOPClassUID
files[f"{PHI['family']}_mr.dcm"] = mr

sr = base("SR", "1.2.840.10008.5.1.4.1.1.88.33", 3)
sr.ValueType = "CONTAINER"
sr.ContinuityOfContent = "SEPARATE"
sr.CompletionFlag = "COMPLETE"
sr.VerificationFlag = "VERIFIED"
obs = Dataset()
obs.ObserverType = "PSN"
sr.VerifyingObserverSequence = Sequence([Dataset()])
sr.VerifyingObserverSequence[0].VerifyingObserverName = PHI["perf_phys"]
sr.VerifyingObserverSequence[0].VerifyingOrganization = PHI["institution"]
sr.VerifyingObserverSequence[0].VerificationDateTime = "20230406120000"
sr.ConceptNameCodeSequence = Sequence([code("18748-4", "LN", "Diagnostic Imaging Report")])
t = Dataset(); t.RelationshipType = "CONTAINS"; t.ValueType = "TEXT"
t.ConceptNameCodeSequence = Sequence([code("121071", "DCM", "Finding")]); t.TextValue = PHI["sr_text"]
p = Dataset(); p.RelationshipType = "HAS OBS CONTEXT"; p.ValueType = "PNAME"
p.ConceptNameCodeSequence = Sequence([code("121008", "DCM", "Person Observer Name")]); p.PersonName = PHI["ref_phys"]
d = Dataset(); d.RelationshipType = "CONTAINS"; d.ValueType = "DATE"
d.ConceptNameCodeSequence = Sequence([code("111060", "DCM", "Study Date")]); d.Date = PHI["birth"]
u = Dataset(); u.RelationshipType = "CONTAINS"; u.ValueType = "UIDREF"
u.ConceptNameCodeSequence = Sequence([code("121018", "DCM", "Procedure Study Instance UID")]); u.UID = PHI["study_uid"]
sr.ContentSequence = Sequence([t, p, d, u])
files[f"{PHI['name'].replace('^','_')}_report.dcm"] = sr

for name, ds in files.items():
    ds.save_as(os.path.join(out, name), write_like_original=False)

# A copy of the CT with PatientName and PatientID stored with VR UN (explicit VR, unknown to the writer).
raw = open(os.path.join(out, list(files)[0]), "rb").read()
for tag_bytes, vr in ((b"\x10\x00\x10\x00", b"PN"), (b"\x10\x00\x20\x00", b"LO")):
    i = raw.index(tag_bytes + vr)
    length = int.from_bytes(raw[i + 6:i + 8], "little")
    raw = raw[:i] + tag_bytes + b"UN\x00\x00" + length.to_bytes(4, "little") + raw[i + 8:]
raw = raw.replace(PHI["sop_uid_prefix"].encode() + b".1", PHI["sop_uid_prefix"].encode() + b".4", 2)
open(os.path.join(out, f"UN_{PHI['id']}.dcm"), "wb").write(raw)

key = {
    "named": {k: v for k, v in PHI.items()},
    "phi": [v for k, v in PHI.items() if k not in ("sop_uid_prefix",)] + [PHI["sop_uid_prefix"]]
    + [PHI["name"].replace("^", " "), "19471023", "Quixote", "Alonso", "Sancho", "Panza", "Cervantes", "Rocinante", "Dulcinea"],
    "keep": {"Rows": 16, "Columns": 16, "SliceThickness": "1.25", "KVP": "120", "BitsStored": 12, "Manufacturer": "ACME"},
    "pixel_sha256": hashlib.sha256(bytes((i * 7) % 256 for i in range(16 * 16 * 2))).hexdigest(),
}
json.dump(key, open(os.path.join(out, "..", "answer-key.json"), "w"), indent=1)
print(json.dumps({"files": len(files) + 1}))
