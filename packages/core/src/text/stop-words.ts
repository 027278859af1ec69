/**
 * Word lists that keep the name rules away from medical and technical vocabulary. All entries are
 * lower-case ASCII, compared with folded tokens.
 */

function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

/**
 * Medical, imaging, report and everyday words that are never taken as a person name, in any case
 * (`Head`, `CHEST`, `Contrast`, `Normal`), not even after a title or a label.
 */
export const STOP_WORDS: readonly string[] = words(`
  head neck chest thorax thoracic abdomen abdominal abd pelvis pelvic spine spinal brain cerebral
  cerebellum cerebellar skull face facial orbit orbits sinus sinuses nasal temporal frontal
  parietal occipital mandible maxilla jaw tmj liver hepatic kidney kidneys renal lung lungs
  pulmonary heart cardiac coronary aorta aortic artery arteries arterial vein veins venous vessel
  vessels bone bones joint joints knee knees hip hips shoulder shoulders elbow elbows wrist wrists
  hand hands foot feet ankle ankles leg legs arm arms thigh femur tibia fibula humerus radius ulna
  pelvis sacrum coccyx rib ribs sternum clavicle scapula patella cervical lumbar sacral vertebra
  vertebrae vertebral disc discs disk cord nerve nerves muscle muscles tendon tendons ligament
  ligaments cartilage meniscus labrum rotator cuff breast breasts axilla axillary bladder prostate
  uterus uterine ovary ovaries ovarian adnexa testis testes scrotum scrotal colon rectum rectal
  bowel intestine small large stomach gastric esophagus duodenum pancreas pancreatic spleen
  splenic gallbladder biliary bile adrenal adrenals thyroid parathyroid pituitary sella lymph
  node nodes nodal soft tissue tissues skin body whole extremity extremities upper lower limb
  limbs abdominopelvic cap chap mediastinum mediastinal pleura pleural pericardium pericardial
  peritoneum peritoneal retroperitoneum airway airways trachea bronchus bronchi lobe lobes segment
  segments hilum hilar apex base ventricle ventricles atrium atria valve valves septum wall walls
  iris retina lens globe cornea eye eyes ear ears inner middle outer cochlea mastoid mastoids
  shin calf heel toe toes finger fingers thumb palm back flank groin
  ct cta ctp mr mri mra mrv mrs pet spect nm us usg xr xray dx cr dr mg rf xa ot sr ko pr seg
  rtstruct rtplan rtdose angio angiogram angiography venogram arthrogram fluoro fluoroscopy
  mammo mammogram mammography tomo tomosynthesis ultrasound sonogram sonography echo doppler
  duplex radiograph radiography xrays dexa dxa bmd densitometry scintigraphy bone scan scans
  t1 t2 flair dwi adc swi gre tse fse stir pd bold dti mpr mprage spgr fiesta vibe haste trufi
  epi space cube dixon fatsat fs sat suppression inversion recovery echo spin gradient diffusion
  perfusion perf diff trace tof pc mip minip vr vrt reformat reformats reformatted recon
  reconstruction reconstructions localizer localiser scout topogram surview survey calibration
  axial ax sagittal sag coronal cor oblique obl transverse trans thin thick slice slices slab
  kernel window bone lung soft sharp smooth standard detail helical spiral sequential cine
  dynamic delayed arterial venous portal phase phases early late equilibrium nephrographic
  contrast noncontrast non enhanced unenhanced enhancement gadolinium gad iv oral rectal w wo
  with without pre post plus and or
  left right bilateral bilat lt rt anterior posterior ap pa lateral lat medial superior inferior
  proximal distal upper lower mid central peripheral dorsal ventral volar plantar cranial caudal
  internal external deep superficial
  findings finding impression impressions history indication indications comparison technique
  clinical report reports exam exams examination study studies procedure procedures protocol
  series image images view views please consider recommend recommended correlate correlation
  evaluate evaluation assess assessment status prior interval since question concern otherwise
  overall limited motion redemonstrated again screening diagnostic routine followup follow up addendum
  conclusion conclusions recommendation recommendations result results summary note notes
  dose key save screen page report final preliminary amended addendum signed unsigned draft
  normal abnormal unremarkable stable unchanged improved worsening new old mild moderate severe
  acute chronic subacute small large tiny minimal marked diffuse focal multiple single negative
  positive probable possible likely suspicious benign malignant grade stage type
  mass masses lesion lesions nodule nodules cyst cysts tumor tumour cancer carcinoma metastasis
  metastases fracture fractures effusion edema oedema hemorrhage haemorrhage infarct infarction
  stroke aneurysm stenosis occlusion thrombus embolism pneumonia atelectasis consolidation
  opacity opacities fluid air gas calcification calcifications degeneration degenerative
  radiology cardiology neurology oncology urology orthopedics orthopaedics surgery emergency
  department dept clinic hospital hospitals center centre medical medicine university institute
  memorial general regional community health healthcare service services unit ward ward icu
  er ed or pacu nicu picu radiologist radiologists physician physicians doctor doctors nurse
  nurses resident residents fellow fellows attending staff team technologist technologists tech
  technician radiographer sonographer surgeon surgeons consultant registrar provider clinician
  patient patients pt pts subject subjects case cases name names number no id date time dob age
  mrn acc acn ssn tel phone fax email mail address addr zip gender bed ext dept
  sex male female other unknown anonymous anonymized anonymised removed redacted deidentified
  weight height size institution station manufacturer model operator operators performing
  referring requesting ordering reading interpreting accession description protocol
  siemens philips ge toshiba canon hitachi fujifilm fuji agfa kodak carestream hologic samsung
  konica minolta mindray esaote somatom avanto skyra prisma verio trio aera vida sola espree
  magnetom biograph achieva ingenia intera discovery optima signa revolution lightspeed aquilion
  vantage titan definition force flash edge brilliance iqon ingenuity
  the a an and or of for with without in on at to from by as is are was were be been being am
  this that these those there here it its he she they we you i me his her him their them our
  your my who whom which what when where why how not no yes none all any some each every both
  either neither also only just than then so such very more most less least same other another
  has have had do does did done can could shall should would must might
  per via into onto over under above below between within without about after before during
  again further once if but nor yet
  reviewed reported dictated transcribed signed seen noted read performed compared recommended
  discussed called notified informed confirmed verified approved interpreted ordered referred
  examined scanned obtained acquired demonstrated shows showed show seen see
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
  am pm hrs hr mins sec secs mm cm ml mg kg kv kvp mas msv mgy dlp ctdi hu
  md do mbbs mbchb phd dphil frcr facr frcpc frcp mrcp dmrd rn np pa rt rrt rdms rvt arrt cnmt
  msc bsc mph mba dds dmd dvm od pharmd esq jr sr ii iii iv
  street avenue road boulevard lane drive court place way suite apt apartment floor room box
  st mount saint
  el la los las le les un une des du de del da dos das au aux et y ou en por par para pour con avec
  sin sans que qui es est il elle lo vue ingreso ingresado ingresada valorado valorada
  und der die das mit von im am zum zur bei nach seit wurde wird ist
`);

/** Credentials and suffixes after a name (`MD`, `PhD`, `FRCR`): they end a name, never start one. */
export const CREDENTIALS: readonly string[] = words(`
  md do mbbs mbchb phd dphil frcr facr frcpc frcp mrcp dmrd rn np pa rt rrt rdms rvt arrt cnmt msc
  bsc mph mba dds dmd dvm od pharmd esq jr sr ii iii iv
`);

/**
 * Words that, right after a dictionary name, show a medical eponym rather than a person:
 * `Jones fracture`, `Baker's cyst`, `Murphy sign`, `Fisher grade`, `Foley catheter`.
 */
export const EPONYM_CUES: readonly string[] = words(`
  fracture fractures disease diseases syndrome syndromes sign signs cyst cysts tumor tumors tumour
  sarcoma lymphoma palsy ring rings node nodes line lines duct ducts pouch classification score
  scores criteria grade grading scale stage staging type procedure operation repair catheter tube
  drain clamp triangle canal ligament fascia space hernia diverticulum malformation deformity
  anomaly angle view maneuver manoeuvre test lesion lesions esophagus oesophagus phenomenon effect
  artifact artefact method technique loop body bodies cell cells plexus gland glands area nucleus
  foramen valve shunt filter needle reflex rule index ratio law point zone bursa tear defect pad
  notch tubercle process joint nerve artery vein sinus membrane layer capsule band tract sheath
  balloon stent splint cast nail plate prosthesis osteotomy incision approach position projection
  fluid stain reaction abscess ulcer aneurysm neuroma encephalopathy dystrophy contracture
  chart staging system pattern appearance lymph
`);

/**
 * Eponyms that follow `of` in anatomical names (`circle of Willis`, `pouch of Douglas`,
 * `vein of Galen`): after `of` they are not a person.
 */
export const OF_EPONYMS: readonly string[] = words(`
  willis douglas galen monro oddi vater luschka magendie sylvius retzius treitz morison morgagni
  rosenthal trolard labbe nuck wirsung santorini glisson gerota bertin henle hunter calot hesselbach
  winslow
`);

/** Month names (English), used to stop a name at a following date. */
export const MONTH_WORDS: readonly string[] = words(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
`);
