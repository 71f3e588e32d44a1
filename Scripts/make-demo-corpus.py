#!/usr/bin/env python3
"""Write the FICTIONAL demo corpus for `scoping`: three search exports and their truth file.

Every study, title, abstract, author, journal and identifier below is invented. Journals are
marked "(fictional)", DOIs use Crossref's test prefix 10.5555, PMIDs are 9900xxxxx, Embase
accessions L99…, ISSNs 9999-…, trial registrations NL-OMON99… and NCT99…. Deterministic: fixed seed, no
clock. Python 3 standard library only.

    python3 Scripts/make-demo-corpus.py

writes corpus/pubmed-demo.xml, corpus/embase-demo.ris (UTF-8 BOM, CRLF), corpus/cinahl-demo.xml
(EndNote 20 XML), the search update corpus/pubmed-update-demo.xml (PubMed XML, run later: half
of it records of studies already found, by the same PMID or in another database, half new), the
records of citation searching corpus/citation-searching-demo.ris, a ClinicalTrials.gov search
corpus/clinicaltrials-demo.csv (the site's CSV download: the registration of one trial the
databases found, whose PubMed record names it in its DataBankList, and registrations only the
register has, most of them ongoing), and Scripts/demo-corpus-truth.json (per record: file, position, study; per
study: expected criterion and traps). The layout: data tables, then builders, then writers.
"""
import json
import random
import re
from pathlib import Path
from xml.sax.saxutils import escape

SEED = 20250115
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FILES = {"P": "corpus/pubmed-demo.xml", "E": "corpus/embase-demo.ris", "C": "corpus/cinahl-demo.xml",
         "U": "corpus/pubmed-update-demo.xml", "R": "corpus/citation-searching-demo.ris",
         "T": "corpus/clinicaltrials-demo.csv"}
CODES = "PECURT"

CRITERIA = {
    "E1": "published before 2015",
    "E2": "language not English or Dutch",
    "E3": "publication type editorial, letter, comment or news",
    "E4": "setting is not Dutch general practice / primary care",
    "E5": "not a new form of chronic care",
    "E6": "population outside the chronic conditions in or near chain care, frail older people or multimorbidity",
    "E7": "not an empirical study nor a protocol of an ongoing study",
}
OUTCOMES = {"eff": "effectiveness", "qoc": "quality of care", "ce": "cost-effectiveness", "effic": "efficiency",
            "wl": "workload", "px": "patient experience", "cap": "use of capacity", "sus": "sustainability",
            "js": "job satisfaction"}
DIRECTIONS = {"+": "favourable", "0": "no difference", "-": "unfavourable", "~": "mixed", "?": "planned"}

# ---------------------------------------------------------------------------------------------
# Journals: code -> (full title, ISO abbreviation, first volume year, country, in MEDLINE)
JOURNALS = {
    "dgp": ("Demo Journal of General Practice (fictional)", "Demo J Gen Pract", 1990, "Netherlands", True),
    "dpcr": ("Demo Primary Care Research (fictional)", "Demo Prim Care Res", 2001, "England", True),
    "dcci": ("Demo Journal of Chronic Care Innovation (fictional)", "Demo J Chronic Care Innov", 2008, "England", True),
    "dnurs": ("Demo Practice Nursing (fictional)", "Demo Pract Nurs", 1995, "England", False),
    "dhsr": ("Demo Health Services and Economics (fictional)", "Demo Health Serv Econ", 1999, "United States", True),
    "dtele": ("Demo Journal of Telehealth in Primary Care (fictional)", "Demo J Telehealth Prim Care", 2005, "Canada", True),
    "ddiab": ("Demo Diabetes in Practice (fictional)", "Demo Diabetes Pract", 1993, "England", True),
    "drespir": ("Demo Primary Respiratory Care (fictional)", "Demo Prim Respir Care", 1997, "England", True),
    "dcard": ("Demo Cardiovascular Nursing and Practice (fictional)", "Demo Cardiovasc Nurs Pract", 2002, "Netherlands", True),
    "dfrail": ("Demo Journal of Frailty and Ageing in Primary Care (fictional)", "Demo J Frailty Ageing Prim Care", 2006, "Netherlands", True),
    "dntvg": ("Fictief Nederlands Tijdschrift voor Geneeskunde", "Fictief Ned Tijdschr Geneeskd", 1957, "Netherlands", True),
    "ftvh": ("Fictief Tijdschrift voor Huisartsgeneeskunde", "Fictief Tijdschr Huisartsgeneeskd", 1958, "Netherlands", False),
    "dzfa": ("Demo-Zeitschrift für Allgemeinmedizin (fiktiv)", "Demo Z Allgemeinmed", 1925, "Germany", True),
    "drfmg": ("Revue fictive de médecine générale", "Rev Fict Med Gen", 1989, "France", True),
    "ddsr": ("Demo Database of Systematic Reviews (fictional)", "Demo Database Syst Rev", None, "England", True),
}


def issn(n):
    """A 9999-xxxx ISSN with a valid check digit."""
    digits = f"{9999000 + n:07d}"
    c = (11 - sum(int(d) * w for d, w in zip(digits, range(8, 1, -1))) % 11) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if c == 10 else c}"


JOURNAL_ISSN = {code: issn(i + 1) for i, code in enumerate(JOURNALS)}

# People and places (all invented combinations).
FAMILY = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
          "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
          "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van Dijk", "Schouten", "Willems",
          "Hoekstra", "Koster", "Prins", "Huisman", "Kuipers", "Postma", "Timmermans", "Verhoeven", "Scholten",
          "Kramer", "Veenstra", "El Amrani", "Yilmaz", "Okafor", "Nguyen", "Kowalski", "Boateng", "Ramdin", "Öztürk"]
GIVEN = ["Pieter", "Anna", "Marieke", "Joost", "Sanne", "Thijs", "Femke", "Ruud", "Lotte", "Bram", "Eline",
         "Hanneke", "Wouter", "Esther", "Karin", "Maarten", "Ingrid", "Niels", "Yasmin", "Mohamed", "Fatma",
         "Tomasz", "Linh", "Jeroen", "Ilse", "Koen", "Anouk", "Daan", "Mirjam", "Sjoerd", "Chidi", "Renée"]
FOREIGN = {"uk": (["Hughes", "Patel", "Walsh", "Turner", "Evans", "Khan"], ["Sarah", "James", "Priya", "Owen", "Helen"]),
           "dk": (["Nielsen", "Jensen", "Madsen", "Christensen"], ["Mette", "Søren", "Anders", "Louise"]),
           "us": (["Miller", "Garcia", "Johnson", "Lee"], ["Emily", "Daniel", "Maria", "Kevin"]),
           "se": (["Lindqvist", "Berg", "Holm"], ["Karin", "Erik", "Ingrid"]),
           "be": (["Peeters", "Maes", "Claes", "Wouters"], ["Lien", "Pieter", "Katrien", "Jan"]),
           "de": (["Schneider", "Weber", "Becker", "Hoffmann"], ["Katrin", "Stefan", "Julia", "Markus"]),
           "fr": (["Dubois", "Lefèvre", "Moreau", "Girard"], ["Claire", "Julien", "Élodie", "Marc"]),
           "ca": (["Tremblay", "Roy", "Campbell"], ["Chloé", "Liam", "Grace"])}
AFFIL = {
    "nl": ["Department of General Practice, Demo University Medical Centre Noord (fictional), Groningen, The Netherlands",
           "Department of Primary Care, Demo University Medical Centre (fictional), Utrecht, The Netherlands",
           "Demo Institute for Health Services Research (fictional), Utrecht, The Netherlands",
           "Department of Family Medicine, Demo University (fictional), Maastricht, The Netherlands",
           "Demo Care Group Zuidoost (fictional), Eindhoven, The Netherlands",
           "Department of General Practice, Demo Medical Centre Zuid (fictional), Rotterdam, The Netherlands",
           "Department of General Practice, Demo University Medical Centre (fictional), Amsterdam, The Netherlands",
           "Department of Primary and Community Care, Demo University (fictional), Nijmegen, The Netherlands",
           "Demo Academy of Nursing (fictional), Zwolle, The Netherlands",
           "Department of Public Health and Primary Care, Demo University Medical Centre (fictional), Leiden, The Netherlands"],
    "uk": ["Centre for Primary Care, Demo University (fictional), Manchester, United Kingdom",
           "General Practice and Primary Care, Demo University (fictional), Glasgow, United Kingdom"],
    "dk": ["Research Unit for General Practice, Demo University (fictional), Aarhus, Denmark"],
    "us": ["Department of Medicine, Demo University (fictional), Boston, MA, USA"],
    "se": ["Department of Public Health and Caring Sciences, Demo University (fictional), Uppsala, Sweden"],
    "be": ["Department of Family Medicine, Demo University (fictional), Ghent, Belgium"],
    "de": ["Institut für Allgemeinmedizin, Demo-Universität (fiktiv), Aachen, Germany"],
    "fr": ["Département de médecine générale, Université Démo (fictive), Lyon, France"],
    "ca": ["Department of Family Medicine, Demo University (fictional), Toronto, ON, Canada"],
}
REGIONS = ["the north of the Netherlands", "the Utrecht region", "Limburg", "Amsterdam", "Noord-Brabant",
           "the Rotterdam area", "Zeeland", "Gelderland", "three care groups in the east of the Netherlands"]

# Conditions: code -> (phrase, MeSH [(descriptor, UI)], Emtree terms, CINAHL headings)
CONDITIONS = {
    "dm2": ("type 2 diabetes", [("Diabetes Mellitus, Type 2", "D003924")], ["non insulin dependent diabetes mellitus"], ["Diabetes Mellitus, Type 2"]),
    "cvrm": ("high cardiovascular risk", [("Cardiovascular Diseases", "D002318"), ("Hypertension", "D006973")], ["cardiovascular risk", "hypertension"], ["Cardiovascular Risk Factors", "Hypertension"]),
    "copd": ("COPD", [("Pulmonary Disease, Chronic Obstructive", "D029424")], ["chronic obstructive lung disease"], ["Pulmonary Disease, Chronic Obstructive"]),
    "asthma": ("asthma", [("Asthma", "D001249")], ["asthma"], ["Asthma"]),
    "hf": ("heart failure", [("Heart Failure", "D006333")], ["heart failure"], ["Heart Failure"]),
    "af": ("atrial fibrillation", [("Atrial Fibrillation", "D001281")], ["heart atrium fibrillation"], ["Atrial Fibrillation"]),
    "ckd": ("chronic kidney disease", [("Renal Insufficiency, Chronic", "D051436")], ["chronic kidney failure"], ["Renal Insufficiency, Chronic"]),
    "osteo": ("osteoporosis", [("Osteoporosis", "D010024")], ["osteoporosis"], ["Osteoporosis"]),
    "frail": ("frailty", [("Frail Elderly", "D016300"), ("Aged, 80 and over", "D000369")], ["frail elderly"], ["Frail Elderly"]),
    "multi": ("multimorbidity", [("Multimorbidity", "D000076322"), ("Chronic Disease", "D002908")], ["multiple chronic conditions"], ["Comorbidity"]),
    "chronic": ("one or more chronic conditions", [("Chronic Disease", "D002908")], ["chronic disease"], ["Chronic Disease"]),
    "acute": ("an acute or self-limiting condition", [("Acute Disease", "D000208")], ["acute disease"], ["Acute Disease"]),
}
# Interventions: code -> (matrix row, phrase, background sentence, keyword)
INTERVENTIONS = {
    "gc": ("group consultations", "group consultations", "Group consultations (shared medical appointments) combine routine check-ups with education and peer support and may use nurse time more efficiently.", "group consultations"),
    "tm": ("telemonitoring and home measurements", "telemonitoring with home measurements", "Home measurements sent to the practice (telemonitoring) could replace part of the routine visits in chronic care.", "telemonitoring"),
    "poh": ("task shifting to practice nurses", "care delivered by practice nurses", "Shifting chronic care tasks from general practitioners to practice nurses is a main strategy to maintain capacity.", "task shifting"),
    "pcc": ("person-centred care and individual care plans", "individual care plans", "Person-centred care with shared decision making and an individual care plan aims to align chronic care with patients' own goals.", "individual care plan"),
    "ph": ("positive health", "the positive health approach", "Positive health shifts the focus of consultations from disease to resilience and what matters to the patient.", "positive health"),
    "sm": ("self-management support", "structured self-management support", "Supported self-management may improve outcomes and reduce the need for routine consultations.", "self-management"),
    "eh": ("e-health and video consultation", "digital and hybrid care", "Digital care such as video consultations, online questionnaires and patient portals may make chronic care more flexible.", "e-health"),
    "diff": ("differentiation of care by need", "care differentiated by need", "Differentiating chronic care by need (zorgzwaarte) gives stable patients less and complex patients more care.", "differentiation of care"),
    "int": ("integration of disease programmes", "integrated chronic care programmes", "Disease-specific chain-care programmes fit poorly with multimorbidity; integrating them may reduce duplicate check-ups.", "integrated care"),
    "sp": ("social prescribing", "social prescribing", "Social prescribing connects patients with non-medical problems to local welfare and community activities.", "social prescribing"),
    "gli": ("combined lifestyle intervention", "a combined lifestyle intervention", "The combined lifestyle intervention (GLI) offers two years of coaching on diet, activity and behaviour on referral from general practice.", "combined lifestyle intervention"),
    "cm": ("case management for frail older people", "nurse-led case management", "Case management aims to help frail older people live at home longer with proactive, coordinated care.", "case management"),
    "mtvp": ("more time for the patient", "longer consultations", "The 'more time for the patient' (MTVP) approach gives patients with complex problems longer consultations.", "more time for the patient"),
    "none": ("(none)", "usual care", "", ""),
}
# Methods sentences per design, filled with per-study numbers.
METHODS = {
    "RCT": "In this randomised controlled trial, {N} adults with {cond} from {np} {site} were allocated to {ivp} or usual care and followed for {mo} months.",
    "cluster RCT": "In this cluster randomised trial, {np} {site} were allocated to {ivp} or usual care; {N} patients with {cond} were followed for {mo} months.",
    "cohort": "This cohort study used routine data on {N} patients with {cond} from {np} {site}, comparing care with and without {ivp} over {mo} months.",
    "before-after": "We compared routine data on {N} patients with {cond} from {np} {site} in the year before and the year after the introduction of {ivp}.",
    "qualitative": "We held semi-structured interviews with {k} patients and professionals from {np} {site} and analysed them thematically.",
    "mixed methods": "This mixed-methods study combined registration data on {N} patients with {cond} with interviews with {k} professionals from {np} {site}.",
    "economic evaluation": "We performed an economic evaluation from a societal perspective with a {mo}-month horizon, using data on {N} patients with {cond} from {np} {site}.",
    "process evaluation": "This process evaluation used logbooks, questionnaires and interviews with {k} professionals in {np} {site} to assess reach, fidelity and barriers.",
    "survey": "We sent an online questionnaire to all practice nurses registered with a national professional association; {N} responded.",
    "cross-sectional": "This cross-sectional study included {N} patients with {cond} from {np} {site}.",
    "diagnostic accuracy": "In {np} {site}, {N} patients underwent the index test and the reference standard.",
    "registry": "We analysed routine registry data on {N} patients from {np} {site}.",
}
NON_EMPIRICAL = {"narrative review", "position paper", "opinion", "practical guide", "conceptual framework", "viewpoint"}
NO_ABSTRACT = {"editorial", "letter", "comment", "news", "erratum"}

# ---------------------------------------------------------------------------------------------
# The studies. S(criterion, files, year, language, journal, publication type, design, condition,
# intervention, English title, ...). files: P = PubMed, E = Embase, C = CINAHL (copies of one study).
# out: outcome domain = direction (+ favourable, 0 no difference, - unfavourable, ~ mixed, ? planned).
# res/conc: results and conclusions; {N} {np} fill from the study's numbers. nl/nlab: Dutch title and
# abstract. trap: dedup trap group. flags: mdate (MedlineDate), epub (online a year before print).
STUDIES = []


def S(crit, files, year, lang, jrn, ptype, design, cond, iv, title, **kw):
    STUDIES.append(dict(sid=f"S{len(STUDIES) + 1:03d}", crit=crit, files=files, year=year, lang=lang, jrn=jrn,
                        ptype=ptype, design=design, cond=cond, iv=iv, title=title, **kw))


# --- Eligible: Dutch general practice, 2015 on, new forms of chronic care ---------------------
S(None, "PEC", 2019, "eng", "dgp", "rct", "cluster RCT", "dm2", "gc", "Group consultations versus individual consultations for type 2 diabetes in general practice (DEMO-GC): a cluster randomised trial", out="eff=0 px=+ cap=+", trap="comment-reply",
  res="After 12 months, HbA<sub>1c</sub> did not differ between arms (adjusted difference 0.6 mmol/mol, 95% CI -1.4 to 2.6). Patients in group consultations rated their care more positively, and practice nurse time per patient per year fell by 24%.", conc="Group consultations gave comparable glycaemic control with better patient experience and lower use of nurse capacity.")
S(None, "EC", 2018, "dut", "ftvh", "article", "qualitative", "dm2", "gc", "Group consultations in general practice. Part 1: experiences of patients with type 2 diabetes",
  nl="Groepsconsulten in de huisartsenpraktijk. Deel 1: ervaringen van patiënten met diabetes type 2", out="px=+", trap="part-series",
  res="Patients valued learning from peers and the extra time for questions; a minority missed personal attention and felt uneasy discussing results in a group.", conc="Patients experienced group consultations mostly positively, provided an individual option remains available.",
  nlab="Wij interviewden {k} patiënten met diabetes type 2 die minstens een jaar aan groepsconsulten deelnamen. Patiënten waardeerden het leren van lotgenoten en de extra tijd voor vragen; een minderheid miste persoonlijke aandacht. Groepsconsulten worden overwegend positief ervaren, mits een individuele optie blijft bestaan.")
S(None, "C", 2018, "dut", "ftvh", "article", "qualitative", "dm2", "gc", "Group consultations in general practice. Part 2: experiences of practice nurses and general practitioners",
  nl="Groepsconsulten in de huisartsenpraktijk. Deel 2: ervaringen van praktijkondersteuners en huisartsen", out="js=+ wl=~", trap="part-series",
  res="Practice nurses enjoyed the group format and reported more job satisfaction, but preparation and planning added work, so the net effect on workload was mixed.", conc="Group consultations can make chronic care more rewarding for practice nurses if time for preparation is planned.",
  nlab="Wij spraken {k} praktijkondersteuners en huisartsen. Zij ervaarden meer werkplezier, maar voorbereiding en planning kostten extra tijd; het effect op de werkdruk was wisselend. Plan tijd voor voorbereiding in.")
S(None, "P", 2022, "eng", "dpcr", "article", "mixed methods", "copd", "gc", "Shared medical appointments for people with COPD in primary care: a mixed-methods evaluation", out="px=+ effic=~",
  res="Of the invited patients, 41% attended at least one group session. Participants reported a better understanding of their disease; consultation minutes per patient fell, but no-shows and planning offset part of the gain.", conc="Shared medical appointments were well received; the efficiency gain was modest and depended on attendance.")
S(None, "PE", 2017, "eng", "dcci", "protocol", "protocol", "cvrm", "tm", "Home blood pressure telemonitoring in general practice (DEMO-BP): protocol for a cluster randomised trial", out="eff=? ce=? wl=?", trap="protocol-results", reg="NL-OMON99101",
  res="Forty general practices will be randomised to telemonitoring of home blood pressure with practice nurse follow-up or to usual care. We aim to include 800 patients with hypertension and high cardiovascular risk. The primary outcome is systolic blood pressure after 12 months; secondary outcomes are costs, practice nurse workload and patient experience.", conc="The trial will show whether telemonitoring can safely replace routine blood pressure visits.")
S(None, "PEC", 2021, "eng", "dcci", "rct", "cluster RCT", "cvrm", "tm", "Home blood pressure telemonitoring in general practice (DEMO-BP): a cluster randomised trial", out="eff=+ ce=~ wl=0", trap="protocol-results", reg="NL-OMON99101", flags="epub", n=(38, 764),
  res="Systolic blood pressure at 12 months was 4.1 mmHg lower with telemonitoring (95% CI 1.9 to 6.3). Practice nurse workload did not differ. The probability that telemonitoring is cost-effective was 55% at EUR 20,000 per QALY.", conc="Telemonitoring improved blood pressure control without extra workload; its cost-effectiveness remains uncertain.")
S(None, "PC", 2020, "eng", "dcard", "article", "cohort", "hf", "tm", "Practice nurse-led telemonitoring of patients with heart failure in general practice: a cohort study", out="eff=0 qoc=+",
  res="Heart failure admissions did not differ between telemonitored and usual-care patients (hazard ratio 0.94, 95% CI 0.71 to 1.25). Guideline-recommended follow-up was achieved more often with telemonitoring (82% vs 64%).", conc="Telemonitoring improved process quality but not hospital admissions.")
S(None, "E", 2023, "eng", "dcard", "article", "before-after", "af", "tm", "Smartphone ECG home monitoring for atrial fibrillation follow-up in general practice: a before-after study", out="qoc=+ wl=-",
  res="The share of patients with a documented rhythm check rose from 58% to 87%. Practice staff spent on average 31 more minutes per week reviewing recordings.", conc="Home ECG monitoring improved the quality of follow-up but increased workload.")
S(None, "PEC", 2016, "eng", "drespir", "rct", "RCT", "asthma", "tm", "Online monitoring of asthma control with practice nurse feedback: a randomised controlled trial in general practice", out="eff=+ px=+", flags="mdate",
  res="Asthma control improved more with online monitoring (ACQ difference -0.31, 95% CI -0.52 to -0.10) and patients were more satisfied with their care.", conc="Online monitoring with nurse feedback improved asthma control and patient experience.")
S(None, "P", 2019, "eng", "dhsr", "article", "economic evaluation", "copd", "tm", "Cost-effectiveness of telemonitoring for COPD exacerbations in general practice: an economic evaluation alongside a pragmatic trial", out="ce=-",
  res="Telemonitoring cost EUR 412 more per patient per year without a difference in QALYs (0.004, 95% CI -0.011 to 0.019); the probability of cost-effectiveness was below 20% at usual thresholds.", conc="Telemonitoring for COPD in general practice is unlikely to be cost-effective.")
S(None, "PE", 2016, "eng", "dgp", "article", "cohort", "copd", "poh", "Task shifting of COPD care from general practitioners to practice nurses: quality indicators in a retrospective cohort", out="qoc=0 cap=+",
  res="Process indicators did not differ between nurse-led and GP-led COPD care; the GP time spent on COPD consultations fell by 63%.", conc="Delegating COPD care to practice nurses preserved quality and freed GP capacity.")
S(None, "PC", 2019, "eng", "dnurs", "article", "before-after", "chronic", "poh", "Nurse practitioners taking over chronic care consultations in general practice: a time-registration study", out="wl=+ effic=+", ivp="consultations by nurse practitioners",
  res="GPs' time spent on chronic care fell from 6.2 to 3.9 hours per week, the cost per consultation was 18% lower, and GPs reported a lower workload.", conc="Nurse practitioners can take over chronic care consultations efficiently and relieve GPs.")
S(None, "C", 2022, "eng", "dnurs", "article", "survey", "chronic", "poh", "Job satisfaction of practice nurses in chronic care: a national survey", out="js=~ wl=-",
  res="Of the responding practice nurses, 71% were satisfied with the content of their work, but 48% reported a high workload and 29% considered leaving within two years.", conc="Practice nurses value their expanded role, but workload threatens retention.")
S(None, "EC", 2020, "dut", "ftvh", "article", "qualitative", "hf", "poh", "Task shifting to the practice nurse in heart failure care: a qualitative study",
  nl="Taakherschikking naar de praktijkverpleegkundige bij hartfalen: een kwalitatieve studie", out="js=+ wl=~",
  res="Practice nurses reported more job satisfaction and autonomy; GPs' workload fell while that of practice nurses rose.", conc="Task shifting in heart failure care is promising if training and time are provided.",
  nlab="Wij spraken {k} praktijkverpleegkundigen en huisartsen over de overname van de hartfalenzorg. Praktijkverpleegkundigen ervaarden meer werkplezier en autonomie; de werkdruk nam voor huisartsen af maar voor praktijkverpleegkundigen toe. Taakherschikking bij hartfalen is kansrijk mits er voldoende scholing en tijd is.")
S(None, "P", 2019, "eng", "dgp", "article", "cohort", "ckd", "poh", "Practice nurse-led monitoring of chronic kidney disease in general practice: a cohort study", out="qoc=+",
  res="Annual eGFR and albuminuria monitoring was complete in 78% of nurse-monitored patients against 52% of the others.", conc="Practice nurse-led monitoring improved the quality of chronic kidney disease care.")
S(None, "E", 2020, "eng", "dpcr", "article", "before-after", "osteo", "poh", "Adding osteoporosis to practice nurse chain care: a before-after study of fracture prevention", out="qoc=+ effic=~",
  res="Treatment initiation after a fracture rose from 34% to 61%; costs per treated patient fell, but extra DXA referrals raised total costs.", conc="Osteoporosis care by practice nurses improved fracture prevention; effects on efficiency were mixed.")
S(None, "E", 2019, "eng", "dgp", "conference", "cluster RCT", "multi", "pcc", "Individual care plans for patients with multimorbidity in general practice: first results of a cluster randomised trial", out="eff=0 px=+", trap="conference-full", n=(24, 1096), site="general practices in Gelderland",
  res="At 12 months, quality of life did not differ between arms; patients with a care plan felt more involved in decisions.", conc="Individual care plans improved patient experience but not quality of life.")
S(None, "PEC", 2020, "eng", "dgp", "rct", "cluster RCT", "multi", "pcc", "Individual care plans for patients with multimorbidity in general practice (DEMO-PLAN): a cluster randomised trial",
  out="eff=0 px=+ wl=-", trap="conference-full", flags="group:DEMO-PLAN Study Group", n=(24, 1096), site="general practices in Gelderland",
  res="Quality of life (EQ-5D) at 12 months did not differ (difference 0.01, 95% CI -0.02 to 0.04). Patients with a care plan reported more involvement in decisions, while consultations took practice nurses on average 9 minutes longer.", conc="Individual care plans improved patient experience at the cost of more nurse time, without effect on quality of life.")
S(None, "PEC", 2021, "dut", "dntvg", "article", "process evaluation", "dm2", "pcc", "Shared decision making in diabetes care: a process evaluation in general practice",
  nl="Samen beslissen in de diabeteszorg: een procesevaluatie in de huisartsenpraktijk", out="qoc=~ px=+",
  res="Practice nurses used the decision aid in 46% of consultations; patients appreciated it, but use dropped when consultations ran late.", conc="Shared decision making was valued by patients but not yet routine.",
  nlab="Praktijkondersteuners gebruikten de keuzehulp in 46% van de consulten. Patiënten waardeerden samen beslissen, maar bij tijdsdruk werd de keuzehulp overgeslagen. Samen beslissen is gewaardeerd maar nog geen routine.")
S(None, "P", 2024, "eng", "dcci", "rct", "RCT", "cvrm", "pcc", "Goal-oriented consultations for patients with high cardiovascular risk: a pragmatic randomised trial in general practice", out="eff=0 px=+", ivp="goal-oriented consultations",
  res="Systolic blood pressure and LDL cholesterol did not differ between groups at 12 months; patients in the intervention group rated their consultations higher.", conc="Goal-oriented consultations improved patient experience without changing risk factors.")
S(None, "PC", 2019, "eng", "dpcr", "article", "qualitative", "chronic", "ph", "Using a positive health dialogue tool in chronic care consultations: a qualitative study among practice nurses and patients", out="px=+ js=+",
  res="Patients felt heard beyond their disease, and practice nurses found the conversations more meaningful, although some consultations ran longer.", conc="The dialogue tool was welcomed by patients and practice nurses.")
S(None, "EC", 2022, "dut", "ftvh", "article", "cohort", "chronic", "ph", "Positive health in general practice: effects on health care use", nl="Positieve gezondheid in de huisartsenpraktijk: effect op zorggebruik", out="cap=~ eff=0",
  res="GP consultations fell by 8% in positive health practices, but referrals to other care providers rose; self-rated health did not change.", conc="Positive health did not clearly reduce health care use.",
  nlab="Het aantal huisartsconsulten daalde met 8% in praktijken die met positieve gezondheid werkten, maar verwijzingen naar andere zorgverleners namen toe. De ervaren gezondheid veranderde niet. Positieve gezondheid verminderde het zorggebruik niet duidelijk.")
S(None, "P", 2022, "eng", "dcci", "protocol", "protocol", "copd", "ph", "Positive health-based consultations for people with COPD in general practice: protocol for a pragmatic randomised trial", out="eff=? px=? cap=?", reg="NL-OMON99214",
  res="We will randomise 420 patients with COPD from 30 general practices to annual consultations structured by the positive health dialogue tool or to usual COPD care. The primary outcome is the Clinical COPD Questionnaire score after 12 months; secondary outcomes include patient experience and consultations with the practice.", conc="Recruitment has started; results are expected in 2025.")
S(None, "PEC", 2015, "eng", "drespir", "rct", "RCT", "copd", "sm", "Nurse-led self-management support for COPD in general practice: a randomised controlled trial", out="eff=+ px=0", trap="erratum",
  res="The exacerbation rate was lower with self-management support (rate ratio 0.78, 95% CI 0.63 to 0.96); patient satisfaction did not differ.", conc="Nurse-led self-management support reduced exacerbations.")
S(None, "C", 2018, "eng", "dnurs", "article", "process evaluation", "asthma", "sm", "Written asthma action plans in general practice: a process evaluation of a self-management programme", out="qoc=~ sus=-",
  res="Action plans were handed out to 64% of patients, but one year after the project ended only a third of practices still used them.", conc="The programme was partly implemented and not sustained.")
S(None, "PE", 2020, "eng", "dhsr", "article", "economic evaluation", "dm2", "sm", "Cost-effectiveness of stepped self-management support for type 2 diabetes in primary care", out="ce=+",
  res="Stepped self-management support saved EUR 96 per patient and gained 0.01 QALY; it was cost-effective in 84% of simulations.", conc="Stepped self-management support is likely to be cost-effective.")
S(None, "PE", 2021, "eng", "dtele", "article", "mixed methods", "dm2", "eh", "Video consultations for diabetes check-ups in general practice: a mixed-methods study", out="px=~ wl=0 effic=+",
  res="Video check-ups took 6 minutes less than visits. Younger patients preferred video, older patients missed physical examination; practice nurses' workload did not change.", conc="Video consultations can replace part of the diabetes check-ups efficiently, but not for everyone.")
S(None, "P", 2022, "eng", "dgp", "rct", "cluster RCT", "copd", "eh", "A digital questionnaire before the annual COPD review: a cluster randomised trial in general practice", out="effic=+ qoc=0", ivp="a digital questionnaire before the annual review",
  res="Annual reviews were 7 minutes shorter in intervention practices; the completeness of process indicators did not differ.", conc="A digital questionnaire made the annual COPD review more efficient without loss of quality.")
S(None, "P", 2017, "eng", "dtele", "article", "cohort", "chronic", "eh", "Use of an online patient portal by people with chronic conditions in primary care: a cohort study", out="cap=0 px=+", ivp="an online patient portal",
  res="Portal users did not consult their practice less often than non-users, but reported more satisfaction with access to care.", conc="Portal use improved patient experience without reducing demand on the practice.")
S(None, "C", 2023, "dut", "ftvh", "article", "before-after", "dm2", "eh", "Hybrid diabetes care: a practice evaluation", nl="Hybride diabeteszorg: een praktijkevaluatie", out="wl=+ px=+",
  res="After the switch to hybrid care, practice nurses experienced less time pressure and patients were positive about the choice between video and visit.", conc="Hybrid diabetes care reduced workload and was appreciated by patients.",
  nlab="Na de overstap op hybride zorg ervaarden praktijkondersteuners minder tijdsdruk en waren patiënten positief over de keuze tussen beeldbellen en een bezoek. Hybride diabeteszorg verlaagde de werkdruk en werd gewaardeerd.")
S(None, "P", 2024, "eng", "dcard", "protocol", "protocol", "hf", "eh", "Hybrid heart failure care with video consultations in general practice (DEMO-HF): protocol of a stepped-wedge trial", out="qoc=? wl=? px=?", reg="NL-OMON99377",
  res="Twenty-four practices will switch from usual heart failure care to hybrid care with video consultations in random order over 18 months. Outcomes are guideline adherence, practice nurse workload and patient experience.", conc="The trial will inform the place of video consultations in heart failure care.")
S(None, "PEC", 2020, "eng", "ddiab", "rct", "cluster RCT", "dm2", "diff", "Differentiating type 2 diabetes care by care need (<i>zorgzwaarte</i>) in general practice: a cluster randomised trial", out="eff=0 cap=+",
  res="HbA<sub>1c</sub> did not differ at 18 months, while practice nurse consultations per patient fell by 21% because stable patients were seen less often.", conc="Differentiation by care need freed capacity without worse glycaemic control.")
S(None, "PE", 2018, "eng", "dpcr", "article", "cohort", "cvrm", "diff", "Risk-stratified follow-up intervals in cardiovascular risk management: a cohort study in general practice", out="qoc=0 effic=+", ivp="risk-stratified follow-up intervals",
  res="The proportion of patients reaching treatment targets did not differ, while the number of routine visits per patient fell by 1.3 per year.", conc="Stratified follow-up was more efficient without loss of quality.")
S(None, "C", 2023, "eng", "dnurs", "article", "qualitative", "dm2", "diff", "Fewer check-ups for well-controlled type 2 diabetes: a qualitative study of patients' views", out="px=~",
  res="Many patients welcomed fewer check-ups, but some feared losing contact with the practice nurse.", conc="Patients' views on reduced check-ups were mixed.")
S(None, "E", 2021, "eng", "dhsr", "article", "economic evaluation", "copd", "diff", "Need-based differentiation of COPD care in general practice: an economic evaluation", out="ce=+",
  res="Differentiated care was less costly (EUR -63 per patient per year) with equal QALYs.", conc="Need-based differentiation of COPD care was cost-effective.")
S(None, "PEC", 2023, "eng", "dgp", "article", "before-after", "multi", "int", "One integrated annual review instead of separate disease programmes for patients with multimorbidity: a before-after study", out="wl=+ px=+ qoc=0", ivp="one integrated annual review",
  res="The number of chronic care visits per patient fell from 5.1 to 3.2 per year; practice nurses reported less workload and patients were more satisfied, while process indicators remained unchanged.", conc="An integrated annual review reduced visits and workload without loss of quality.")
S(None, "PE", 2019, "eng", "dcci", "article", "process evaluation", "chronic", "int", "Integrating diabetes, cardiovascular and COPD programmes within one care group: a process evaluation", out="sus=~ qoc=~",
  res="Integration succeeded in practices with a stable team but stalled where ICT systems and contracts stayed disease-specific.", conc="Integration of programmes is feasible but its sustainability depends on ICT and financing.")
S(None, "P", 2017, "eng", "dhsr", "article", "economic evaluation", "chronic", "int", "Costs of integrated versus disease-specific chronic care programmes in general practice: a comparative cohort", out="ce=- effic=0",
  res="Integrated programmes cost EUR 38 more per patient per year, with similar health outcomes and a similar number of contacts.", conc="Integrated programmes were not cost-effective in the first two years.")
S(None, "C", 2020, "eng", "dnurs", "article", "before-after", "multi", "int", "Practice nurse workload after integrating chronic care programmes: a time-registration study", out="wl=-",
  res="Practice nurses spent 14% more time per patient after integration, mainly on registration in several systems.", conc="Integration increased the workload of practice nurses.")
S(None, "C", 2018, "dut", "ftvh", "article", "qualitative", "chronic", "sp", "Social prescribing for patients with chronic conditions: a qualitative study",
  nl="Welzijn op recept voor patiënten met een chronische aandoening: een kwalitatieve studie", out="px=+",
  res="Patients described more social contact and meaning; GPs valued having an alternative to medical care.", conc="Social prescribing was experienced positively by patients.",
  nlab="Patiënten beschreven meer sociaal contact en zingeving na verwijzing naar een welzijnscoach; huisartsen waardeerden een alternatief voor medische zorg. Welzijn op recept werd door patiënten positief ervaren.")
S(None, "PEC", 2021, "eng", "dpcr", "article", "cohort", "multi", "sp", "Social prescribing for frequent attenders with multimorbidity: a cohort study of general practice consultations", out="cap=+ eff=0",
  res="Social prescribing (<i>welzijn op recept</i>) was followed by 1.8 fewer GP consultations per patient per year, without change in self-rated health.", conc="Social prescribing reduced GP consultations among frequent attenders.")
S(None, "PE", 2022, "eng", "dcci", "article", "cohort", "cvrm", "gli", "A combined lifestyle intervention for adults with overweight and cardiovascular risk referred from general practice: a two-year cohort study", out="eff=+ sus=~",
  res="Participants with a BMI of 25 kg/m<sup>2</sup> or more lost on average 3.4 kg after two years; 42% completed the programme and half of the weight loss was regained in the following year.", conc="The lifestyle intervention was effective, but its effect was only partly sustained.")
S(None, "PE", 2023, "eng", "dhsr", "article", "economic evaluation", "dm2", "gli", "Cost-effectiveness of a combined lifestyle intervention for type 2 diabetes in primary care", out="ce=~",
  res="The incremental cost-effectiveness ratio was EUR 31,000 per QALY, favourable in men and unfavourable in women over 65.", conc="Cost-effectiveness of the lifestyle intervention differed between subgroups.")
S(None, "C", 2020, "eng", "dnurs", "article", "mixed methods", "cvrm", "gli", "Referral to a combined lifestyle intervention by general practitioners and practice nurses: a mixed-methods study", out="qoc=~ wl=-", ivp="referral to a combined lifestyle intervention",
  res="Only 12% of eligible patients were referred; professionals found motivating patients and arranging referral time-consuming.", conc="Referral was low and added to the workload of professionals.")
S(None, "PEC", 2016, "eng", "dfrail", "rct", "cluster RCT", "frail", "cm", "Nurse-led case management for frail older people in general practice (DEMO-FRAIL): a cluster randomised trial", out="eff=0 px=+ ce=-", flags="group:DEMO-FRAIL Study Group",
  res="Daily functioning after 24 months did not differ (difference 0.2 points, 95% CI -0.4 to 0.8). Patients and carers valued the case manager; costs were EUR 640 higher per patient.", conc="Case management improved the experience of care but not functioning and was not cost-effective.")
S(None, "P", 2018, "eng", "dfrail", "article", "cohort", "frail", "cm", "Proactive case management for frail older people: two-year follow-up of a cohort in general practice", out="eff=~ cap=0", ivp="proactive case management",
  res="Nursing home admissions were lower (8% vs 12%), but emergency department visits were higher; GP contacts were similar.", conc="Proactive case management had mixed effects.")
S(None, "EC", 2019, "dut", "ftvh", "article", "process evaluation", "frail", "cm", "The district nurse as case manager for frail older people: a process evaluation",
  nl="De wijkverpleegkundige als casemanager voor kwetsbare ouderen: een procesevaluatie", out="qoc=+ js=+", ivp="case management by district nurses",
  res="Care plans were drawn up for 88% of the older people; district nurses and GPs reported better coordination and more job satisfaction.", conc="Case management by the district nurse was well implemented and improved coordination.",
  nlab="Voor 88% van de kwetsbare ouderen werd een zorgplan opgesteld. Wijkverpleegkundigen en huisartsen ervaarden betere afstemming en meer werkplezier. Casemanagement door de wijkverpleegkundige werd goed uitgevoerd.")
S(None, "P", 2024, "eng", "dfrail", "protocol", "protocol", "frail", "cm", "Case management for older people with multimorbidity at neighbourhood level (DEMO-WIJK): protocol of a stepped-wedge cluster randomised trial", out="eff=? ce=? js=?", reg="NL-OMON99452",
  res="Sixteen neighbourhood teams will start case management by a nurse specialist in random order. We will include 960 older people with frailty and multimorbidity; outcomes are unplanned admissions, costs and professionals' job satisfaction.", conc="This trial tests case management at neighbourhood rather than practice level.")
S(None, "PEC", 2021, "eng", "dgp", "article", "before-after", "chronic", "mtvp", "More time for the patient: extended consultations in general practice, a before-after study", out="js=+ wl=+ cap=-",
  res="GPs reported more job satisfaction and less workload, but the number of patients seen per day fell by 11%.", conc="Longer consultations improved the work experience of GPs but reduced practice capacity.")
S(None, "PE", 2023, "dut", "dntvg", "article", "mixed methods", "chronic", "mtvp", "More time for the patient: effects on referrals and perceived workload", nl="Meer tijd voor de patiënt: effecten op verwijzingen en ervaren werkdruk", out="effic=+ wl=+",
  res="Referrals to hospital care fell by 9% and GPs reported less workload.", conc="More time for the patient was associated with fewer referrals and less workload.",
  nlab="Verwijzingen naar de tweede lijn daalden met 9% en huisartsen ervaarden minder werkdruk. Meer tijd voor de patiënt ging samen met minder verwijzingen.")
S(None, "E", 2023, "eng", "dcci", "protocol", "protocol", "multi", "mtvp", "Longer consultations for patients with complex chronic care needs (DEMO-TIME): protocol of a cluster randomised trial", out="eff=? px=? cap=?", reg="NL-OMON99388",
  res="Thirty practices will be randomised to 20-minute consultations for patients with multimorbidity or to usual 10-minute consultations. Outcomes are patient-reported health, patient experience and the number of contacts.", conc="The trial will show whether more time per consultation pays off in fewer contacts.")

# --- E1: published before 2015 ----------------------------------------------------------------
S("E1", "C", 2009, "eng", "dgp", "article", "cohort", "dm2", "poh", "Practice nurse-led diabetes care in general practice: a cohort study of glycaemic control",
  res="Glycaemic control was similar in nurse-led and GP-led care.", conc="Practice nurses can deliver diabetes care.")
S("E1", "PEC", 2011, "eng", "ddiab", "article", "before-after", "dm2", "gc", "Group visits for patients with type 2 diabetes in general practice: a pilot study",
  res="Patients were satisfied and HbA<sub>1c</sub> remained stable.", conc="Group visits were feasible.")
S("E1", "P", 2012, "eng", "drespir", "article", "mixed methods", "copd", "tm", "Telemonitoring of COPD patients in primary care: a feasibility study",
  res="Adherence to daily measurements fell from 90% to 55% over six months.", conc="Telemonitoring was feasible for a minority of patients.")
S("E1", "P", 2013, "eng", "dhsr", "article", "cohort", "dm2", "int", "Bundled payment for diabetes chain care in regional care groups: a cohort evaluation",
  res="Process indicators improved slightly after the introduction of bundled payment.", conc="Bundled payment supported structured diabetes care.", ivp="bundled payment for chain care")
S("E1", "PC", 2010, "eng", "drespir", "rct", "RCT", "copd", "sm", "Self-management support by practice nurses for COPD: a randomised trial",
  res="Disease-specific quality of life did not differ after one year.", conc="Self-management support had no effect.")
S("E1", "E", 2014, "eng", "dfrail", "article", "process evaluation", "frail", "cm", "Case management for frail elderly people in general practice: a process evaluation",
  res="Case managers reached 70% of eligible patients.", conc="Case management was moderately well implemented.")
S("E1", "C", 2013, "dut", "ftvh", "article", "qualitative", "dm2", "pcc", "Individual care plans for patients with diabetes: a qualitative study", nl="Het individueel zorgplan bij diabetes: een kwalitatieve studie",
  res="Patients rarely recognised the care plan as their own.", conc="Care plans need to be rooted in patients' goals.",
  nlab="Patiënten herkenden het zorgplan zelden als hun eigen plan. Het individueel zorgplan moet aansluiten bij de doelen van de patiënt.")
S("E1", "P", 2011, "dut", "dntvg", "article", "before-after", "copd", "int", "Chain care for COPD in general practice: an evaluation", nl="Ketenzorg COPD in de huisartsenpraktijk: een evaluatie", ivp="a COPD chain-care programme",
  res="More patients had a yearly spirometry after the start of chain care.", conc="Chain care improved COPD follow-up.")
S("E1", "P", 2008, "eng", "dtele", "rct", "RCT", "asthma", "eh", "Internet-based self-management for adults with asthma in general practice: a randomised trial",
  res="Asthma control improved more with internet-based self-management.", conc="Internet-based self-management was effective.", ivp="internet-based self-management")
S("E1", "PE", 2012, "eng", "dcci", "rct", "cluster RCT", "cvrm", "poh", "Cardiovascular risk management by practice nurses: a cluster randomised trial",
  res="Systolic blood pressure fell more in nurse-led practices.", conc="Nurse-led risk management improved blood pressure.")
S("E1", "E", 2014, "eng", "dcard", "article", "cohort", "hf", "poh", "Structured heart failure care in general practice: a cohort study",
  res="Structured care did not reduce admissions.", conc="Structured care had no effect on admissions.")
S("E1", "P", 2014, "eng", "dgp", "article", "qualitative", "multi", "pcc", "Patients' priorities for care planning in multimorbidity: a qualitative study in general practice",
  res="Patients prioritised independence over disease targets.", conc="Care planning should start from patients' priorities.")
S("E1", "E", 2009, "eng", "dcci", "rct", "cluster RCT", "dm2", "sm", "Motivational interviewing by practice nurses for type 2 diabetes: a cluster randomised trial",
  res="HbA<sub>1c</sub> did not differ between arms.", conc="Motivational interviewing training had no effect.", ivp="motivational interviewing")

# --- E2: language not English or Dutch ------------------------------------------------------------
S("E2", "PE", 2019, "ger", "dzfa", "article", "cohort", "chronic", "poh", "Chronic care in Dutch general practices: the role of the practice nurse. A cohort study",
  nl="Chronikerversorgung in niederländischen Hausarztpraxen: die Rolle der Praxisfachkraft. Eine Kohortenstudie", aff="de",
  res="Practice nurses performed 74% of chronic care contacts, with stable quality indicators.", conc="The Dutch model of nurse-led chronic care may be transferable.")
S("E2", "P", 2021, "fre", "drfmg", "article", "qualitative", "dm2", "gc", "Group consultations for type 2 diabetes in Dutch general practice: a qualitative study",
  nl="Consultations de groupe pour le diabète de type 2 en médecine générale aux Pays-Bas : une étude qualitative", aff="fr",
  res="Patients appreciated peer exchange; nurses reported organisational barriers.", conc="Group consultations were accepted by patients.")
S("E2", "E", 2018, "ger", "dzfa", "article", "before-after", "cvrm", "tm", "Telemonitoring of blood pressure in Dutch general practices: experiences of a care group",
  nl="Telemonitoring des Blutdrucks in niederländischen Hausarztpraxen: Erfahrungen einer Versorgungsgruppe", aff="de",
  res="Blood pressure control improved from 51% to 63%.", conc="Telemonitoring was associated with better control.")
S("E2", "PC", 2022, "fre", "drfmg", "article", "mixed methods", "chronic", "ph", "Positive health in Dutch primary care: a mixed-methods study", nl="La santé positive dans les soins primaires néerlandais : une étude mixte", aff="fr",
  res="Practices using positive health reported more meaningful consultations, without change in contacts.", conc="Positive health was valued by professionals.")

# --- E3: editorial, letter, comment, news ----------------------------------------------------------
S("E3", "PE", 2023, "eng", "dgp", "editorial", "editorial", "chronic", "poh", "Future-proof chronic care needs more than task shifting")
S("E3", "EC", 2024, "dut", "ftvh", "editorial", "editorial", "chronic", "none", "Future-proof chronic care: time for choices", nl="Toekomstbestendige chronische zorg: tijd voor keuzes")
S("E3", "P", 2019, "eng", "dcci", "editorial", "editorial", "chronic", "gc", "Group consultations: promise and pitfalls")
S("E3", "PC", 2020, "eng", "dgp", "comment", "comment", "dm2", "gc", "Group consultations for type 2 diabetes: the missing outcome", trap="comment-reply")
S("E3", "PC", 2020, "eng", "dgp", "letter", "letter", "dm2", "gc", "Group consultations for type 2 diabetes: the missing outcome. Authors' reply", trap="comment-reply")
S("E3", "C", 2021, "eng", "dtele", "letter", "letter", "cvrm", "tm", "Telemonitoring in general practice: who reads the data?")
S("E3", "C", 2018, "eng", "dnurs", "letter", "letter", "chronic", "poh", "Practice nurses deserve recognition for chronic care")
S("E3", "P", 2022, "eng", "dgp", "news", "news", "chronic", "eh", "Care groups start regional pilots with video consultations")
S("E3", "C", 2020, "dut", "ftvh", "news", "news", "chronic", "sp", "General practitioners start with social prescribing", nl="Huisartsen starten met welzijn op recept")
S("E3", "PEC", 2019, "eng", "dpcr", "editorial", "editorial", "chronic", "ph", "Positive health: a concept in search of evidence")
S("E3", "PE", 2021, "eng", "ddiab", "letter", "letter", "dm2", "diff", "Differentiating diabetes care by need: a risky experiment?")
S("E3", "P", 2017, "eng", "dfrail", "comment", "comment", "frail", "cm", "Case management for frail older people: why no effect?")
S("E3", "P", 2024, "eng", "dgp", "editorial", "editorial", "chronic", "none", "Chronic care with less capacity: can general practice deliver?")

# --- E4: setting not Dutch general practice ------------------------------------------------------
S("E4", "PE", 2018, "eng", "dpcr", "rct", "cluster RCT", "dm2", "gc", "Group consultations for type 2 diabetes in English general practice: a cluster randomised trial",
  site="general practices in England", aff="uk", res="HbA<sub>1c</sub> did not differ; patients were more satisfied.", conc="Group consultations were acceptable in English general practice.")
S("E4", "PEC", 2017, "eng", "dtele", "rct", "RCT", "copd", "tm", "Telemonitoring of COPD in Danish municipal health care: a randomised trial",
  site="municipal health centres in Denmark", aff="dk", res="Hospital admissions did not differ at 12 months.", conc="Municipal telemonitoring did not reduce admissions.")
S("E4", "C", 2019, "eng", "dcard", "article", "cohort", "hf", "poh", "Nurse-led heart failure clinics in Dutch hospitals: a cohort study",
  site="hospital outpatient clinics in the Netherlands", ivp="nurse-led outpatient follow-up", res="Readmissions were 15% lower with nurse-led follow-up.", conc="Nurse-led outpatient clinics reduced readmissions.")
S("E4", "P", 2022, "eng", "dtele", "rct", "RCT", "cvrm", "eh", "Video visits for hypertension management in US primary care clinics: a randomised trial",
  site="primary care clinics in the United States", aff="us", ivp="video visits", res="Blood pressure control was similar with video and in-person visits.", conc="Video visits were non-inferior.")
S("E4", "PC", 2020, "eng", "dhsr", "article", "mixed methods", "multi", "sp", "Social prescribing link workers for people with long-term conditions in England: a mixed-methods evaluation",
  site="general practices in England", aff="uk", res="Wellbeing improved modestly; GP workload did not change.", conc="Link workers were valued but did not relieve GPs.")
S("E4", "E", 2018, "eng", "dfrail", "article", "cohort", "frail", "cm", "Case management for frail older people in Belgian primary care: a cohort study",
  site="primary care zones in Flanders, Belgium", aff="be", res="Time to nursing home admission was longer with case management.", conc="Case management delayed admission.")
S("E4", "C", 2016, "eng", "drespir", "rct", "RCT", "copd", "sm", "Self-management training for COPD in Dutch hospital outpatient clinics: a randomised trial",
  site="hospital outpatient clinics in the Netherlands", res="Exacerbations were fewer after self-management training.", conc="Self-management training in outpatient clinics was effective.")
S("E4", "P", 2021, "eng", "dpcr", "article", "cohort", "multi", "int", "Integrated care for multimorbidity in Danish general practice: a cohort study",
  site="general practices in Denmark", aff="dk", res="Patients with integrated reviews had fewer contacts.", conc="Integrated reviews were efficient in Danish practices.")
S("E4", "C", 2020, "eng", "dnurs", "article", "qualitative", "frail", "ph", "Positive health conversations in Dutch nursing homes: a qualitative study",
  site="nursing homes in the Netherlands", res="Residents and staff valued the conversations.", conc="Positive health fitted nursing home care.")
S("E4", "PE", 2019, "eng", "ddiab", "rct", "cluster RCT", "dm2", "tm", "Telemonitoring of glucose in Swedish primary health care: a cluster randomised trial",
  site="primary health care centres in Sweden", aff="se", res="HbA<sub>1c</sub> fell by 3 mmol/mol more with telemonitoring.", conc="Telemonitoring improved glycaemic control.")
S("E4", "P", 2015, "eng", "dgp", "article", "before-after", "multi", "mtvp", "Longer consultations in deprived areas of Scotland: a before-after study",
  site="general practices in deprived areas of Scotland", aff="uk", res="Patient enablement improved with longer consultations.", conc="Longer consultations helped patients with complex needs.")
S("E4", "PC", 2020, "eng", "dcci", "rct", "cluster RCT", "cvrm", "poh", "Pharmacist-led cardiovascular risk management in Dutch community pharmacies: a cluster randomised trial",
  site="community pharmacies in the Netherlands", ivp="pharmacist-led risk management", res="LDL targets were reached more often with pharmacist-led care.", conc="Pharmacists can support risk management.")
S("E4", "E", 2016, "eng", "ddiab", "article", "cohort", "dm2", "gli", "A lifestyle programme for type 2 diabetes in German general practice: a cohort study",
  site="general practices in Germany", aff="de", res="Weight fell by 2.1 kg after one year.", conc="The lifestyle programme had a modest effect.")
S("E4", "P", 2023, "eng", "dtele", "article", "cohort", "hf", "tm", "Remote monitoring of heart failure in Canadian primary care: a cohort study",
  site="family health teams in Ontario, Canada", aff="ca", res="Emergency visits fell by 12% with remote monitoring.", conc="Remote monitoring reduced emergency visits.")
S("E4", "E", 2017, "eng", "drespir", "article", "qualitative", "copd", "gc", "Group consultations in Dutch hospital pulmonology clinics: a qualitative study",
  site="hospital pulmonology outpatient clinics in the Netherlands", res="Patients valued peer contact; pulmonologists saw time savings.", conc="Group consultations were accepted in hospital care.")

# --- E5: not a new form of chronic care ------------------------------------------------------------
S("E5", "PEC", 2018, "eng", "ddiab", "rct", "RCT", "dm2", "none", "Once-weekly GLP-1 receptor agonist versus basal insulin in type 2 diabetes managed in general practice: a randomised trial",
  bg="Treatment intensification in type 2 diabetes is often delayed in primary care.",
  meth="In this randomised controlled trial, {N} adults with type 2 diabetes insufficiently controlled on metformin from {np} {site} were allocated to a once-weekly GLP-1 receptor agonist or basal insulin and followed for {mo} months.",
  res="HbA<sub>1c</sub> fell by 13 mmol/mol with the GLP-1 receptor agonist and 11 mmol/mol with insulin; weight fell only with the agonist.", conc="The GLP-1 receptor agonist was at least as effective as basal insulin.")
S("E5", "PE", 2017, "eng", "drespir", "article", "diagnostic accuracy", "copd", "none", "Diagnostic accuracy of a handheld spirometer for COPD case-finding in general practice",
  bg="Spirometry is underused for COPD case-finding in primary care.", res="Sensitivity was 88% and specificity 84% against laboratory spirometry.", conc="The handheld device is accurate enough for case-finding.")
S("E5", "P", 2019, "eng", "ddiab", "article", "diagnostic accuracy", "dm2", "none", "Accuracy of point-of-care HbA1c testing in Dutch general practices",
  bg="Point-of-care HbA1c devices are widely used in practices.", res="Mean bias was 1.2 mmol/mol, with wider limits of agreement at high values.", conc="Point-of-care testing is accurate for monitoring.")
S("E5", "C", 2020, "eng", "dpcr", "article", "registry", "multi", "none", "Prevalence and patterns of multimorbidity in Dutch general practice: a registry study",
  bg="Estimates of multimorbidity in primary care vary widely.", res="Of adults over 55, 38% had two or more chronic conditions; hypertension with diabetes was the most common pair.", conc="Multimorbidity is common in general practice.")
S("E5", "P", 2016, "eng", "dcard", "article", "cohort", "cvrm", "none", "Statin adherence in patients with cardiovascular disease in general practice: a cohort study",
  bg="Non-adherence limits the benefit of statins.", meth="We used pharmacy dispensing data on {N} patients from {np} {site}.", res="After two years, 61% of patients were adherent.", conc="Statin adherence is suboptimal.")
S("E5", "C", 2018, "eng", "dnurs", "article", "cross-sectional", "copd", "none", "Inhaler technique errors among patients with COPD in primary care: a cross-sectional study",
  bg="Inhaler errors reduce the effect of medication.", res="At least one critical error was made by 43% of patients.", conc="Inhaler technique needs regular checks.")
S("E5", "PE", 2021, "eng", "dcard", "article", "diagnostic accuracy", "af", "none", "Pulse palpation versus single-lead ECG for detecting atrial fibrillation in older patients in general practice: a diagnostic accuracy study",
  bg="Opportunistic screening for atrial fibrillation is recommended in older people.", res="The single-lead ECG had higher sensitivity (94% vs 81%) with similar specificity.", conc="A single-lead ECG outperforms pulse palpation.")
S("E5", "P", 2022, "eng", "dgp", "article", "registry", "cvrm", "none", "Trends in antihypertensive prescribing in Dutch general practice, 2010-2020",
  bg="Guidelines for hypertension changed during the last decade.", res="Prescribing of thiazides fell while calcium channel blockers rose.", conc="Prescribing followed guideline changes.")
S("E5", "PE", 2017, "dut", "dntvg", "rct", "RCT", "osteo", "none", "Vitamin D supplementation in older women with osteoporosis: a randomised trial in general practice",
  nl="Vitamine D-suppletie bij oudere vrouwen met osteoporose: een gerandomiseerd onderzoek in de huisartsenpraktijk", bg="The benefit of vitamin D on falls is uncertain.",
  meth="In this randomised controlled trial, {N} women aged 70 years or over with osteoporosis from {np} {site} received daily vitamin D or placebo for {mo} months.",
  res="Falls did not differ between vitamin D and placebo.", conc="Vitamin D did not prevent falls.")
S("E5", "PE", 2023, "eng", "dcci", "article", "registry", "cvrm", "none", "External validation of a cardiovascular risk prediction model in Dutch general practice",
  bg="Risk prediction guides cardiovascular prevention.", meth="We validated the model in routine data on {N} patients from {np} {site}.", res="Discrimination was good (C statistic 0.76) but the model overestimated risk in women.", conc="The model needs recalibration.")
S("E5", "E", 2024, "eng", "dpcr", "article", "cohort", "ckd", "none", "Uptake of SGLT2 inhibitors in chronic kidney disease in general practice: a cohort study",
  bg="SGLT2 inhibitors slow progression of chronic kidney disease.", meth="We used routine prescription data on {N} patients with chronic kidney disease from {np} {site}.", res="Within a year of the guideline update, 22% of eligible patients received an SGLT2 inhibitor.", conc="Uptake was slow.")
S("E5", "P", 2015, "eng", "ddiab", "rct", "RCT", "dm2", "none", "Extended-release versus immediate-release metformin in general practice: a randomised crossover trial",
  bg="Gastrointestinal side effects limit metformin use.",
  meth="In this randomised crossover trial, {N} adults with type 2 diabetes from {np} {site} received extended-release and immediate-release metformin for {mo} months each in random order.", res="Gastrointestinal complaints were less frequent with extended release.", conc="Extended-release metformin was better tolerated.")
S("E5", "C", 2021, "eng", "dnurs", "article", "cross-sectional", "frail", "none", "Prevalence of frailty among older patients registered in general practice: a cross-sectional study",
  bg="Frailty screening is increasingly used in general practice.", res="Of patients aged 75 and over, 27% were frail.", conc="Frailty is common among older patients.")

# --- E6: population outside chronic conditions / frail older people / multimorbidity ---------------
S("E6", "C", 2017, "eng", "dgp", "rct", "RCT", "acute", "poh", "Practice nurse telephone follow-up for children with acute otitis media: a randomised trial in general practice",
  bg="Follow-up of children with acute otitis media takes GP time.", meth="We randomised {N} children with acute otitis media from {np} {site} to telephone follow-up by a practice nurse or a GP visit.",
  res="Parent satisfaction and complications did not differ.", conc="Nurse telephone follow-up is a safe alternative.")
S("E6", "P", 2021, "eng", "dtele", "article", "cohort", "acute", "eh", "Video consultations for sports injuries in general practice: a cohort study",
  bg="Sports injuries are a frequent reason for consultation.", meth="We followed {N} patients with sports injuries assessed by video or in person in {np} {site}.", res="Return to sport did not differ.", conc="Video assessment of sports injuries is feasible.")
S("E6", "PC", 2019, "eng", "dpcr", "rct", "RCT", "acute", "sm", "An e-health self-management programme for acute low back pain in general practice: a randomised trial",
  bg="Acute low back pain is usually self-limiting.", meth="We randomised {N} adults with acute low back pain from {np} {site}.", res="Pain at six weeks did not differ.", conc="The programme did not speed recovery.")
S("E6", "C", 2018, "eng", "dnurs", "article", "cohort", "acute", "poh", "Practice nurse-led contraceptive counselling in general practice: a cohort study",
  bg="Contraceptive counselling is increasingly delegated.", meth="We followed {N} women counselled by practice nurses in {np} {site}.", res="Continuation of contraception was 84% at one year.", conc="Nurse-led counselling was effective.")
S("E6", "C", 2020, "eng", "dtele", "article", "before-after", "acute", "eh", "Online triage for acute respiratory tract infections in general practice: a before-after study",
  bg="Respiratory infections cause peaks in practice workload.", meth="We compared contacts for respiratory infections in {np} {site} before and after online triage.", res="Face-to-face consultations for respiratory infections fell by 17%.", conc="Online triage reduced consultations.")
S("E6", "P", 2016, "eng", "dgp", "article", "before-after", "acute", "poh", "Task shifting of wart treatment to practice assistants in general practice: a before-after study",
  bg="Wart treatment is a frequent, simple procedure.", meth="We compared {N} wart treatments in {np} {site} before and after delegation to practice assistants.", res="Cure rates were similar.", conc="Practice assistants can treat warts.")
S("E6", "PE", 2016, "eng", "dgp", "rct", "cluster RCT", "acute", "pcc", "Shared decision making about antibiotics for acute cough: a cluster randomised trial in general practice",
  bg="Antibiotics are overprescribed for acute cough.", meth="In {np} {site}, GPs were randomised to training in shared decision making or usual care; {N} patients with acute cough were included.", res="Antibiotic prescribing fell from 38% to 27%.", conc="Shared decision making reduced prescribing.")
S("E6", "E", 2018, "eng", "dpcr", "article", "cohort", "acute", "tm", "Telemonitoring of wound healing after minor surgery in general practice: a cohort study",
  bg="Wound checks after minor surgery take practice time.", meth="We followed {N} patients who sent wound photos after minor surgery in {np} {site}.", res="Two thirds of wound checks were replaced by photos.", conc="Photo-based wound monitoring is feasible.")
S("E6", "P", 2023, "eng", "dpcr", "article", "cohort", "acute", "poh", "Physiotherapist-led triage of sports injuries in general practice: a cohort study",
  bg="Direct access to physiotherapy could relieve general practice.", meth="We followed {N} patients with sports injuries triaged by a physiotherapist in {np} {site}.", res="GP consultations for sports injuries fell by 40%.", conc="Physiotherapist triage relieved GPs.")
S("E6", "P", 2017, "eng", "dtele", "article", "cohort", "acute", "eh", "Teledermatology for suspicious skin lesions in Dutch general practice: a cohort study",
  bg="Referrals for skin lesions are increasing.", meth="We analysed {N} teledermatology consultations from {np} {site}.", res="Referrals were avoided in 61% of consultations.", conc="Teledermatology prevented referrals.")
S("E6", "C", 2022, "eng", "dnurs", "article", "before-after", "acute", "poh", "Practice assistant-led management of uncomplicated urinary tract infections in women: a before-after study",
  bg="Urinary tract infections are common in general practice.", meth="We compared {N} episodes in {np} {site} before and after a protocol for practice assistants.", res="Return visits did not increase.", conc="Assistant-led management was safe.")
S("E6", "C", 2019, "eng", "dgp", "article", "cohort", "acute", "poh", "Practice nurse-led follow-up after concussion in young adults: a cohort study in general practice",
  bg="Concussion symptoms may persist for weeks.", meth="We followed {N} young adults with concussion from {np} {site}.", res="Persistent symptoms at three months were reported by 19%.", conc="Nurse follow-up identified persistent symptoms.")
S("E6", "E", 2024, "eng", "dtele", "rct", "RCT", "acute", "eh", "Video follow-up for adolescents with acne in general practice: a randomised trial",
  bg="Acne treatment requires regular follow-up.", meth="We randomised {N} adolescents with acne from {np} {site} to video or in-person follow-up.", res="Lesion counts improved similarly.", conc="Video follow-up was non-inferior.")

# --- E7: not empirical nor a protocol --------------------------------------------------------------
S("E7", "PE", 2023, "eng", "dgp", "article", "position paper", "chronic", "none", "Future-proof chronic care in general practice: a position paper",
  bg="Demand for chronic care rises while staff are scarce.", res="We propose five principles: differentiate by need, integrate programmes, support self-management, use digital care where it helps, and protect time for complex patients.", conc="Professional organisations should agree a joint work agenda.")
S("E7", "PC", 2019, "eng", "dnurs", "article", "narrative review", "chronic", "poh", "Task shifting in Dutch general practice: a narrative review",
  bg="The role of practice nurses has expanded rapidly.", res="We describe the history of task shifting and discuss its effect on roles and responsibilities.", conc="Task shifting needs clear agreements on responsibility.")
S("E7", "C", 2018, "dut", "ftvh", "article", "opinion", "chronic", "ph", "Positive health: a reflection",
  nl="Positieve gezondheid: een beschouwing", bg="Positive health is popular in Dutch primary care.", res="We reflect on its meaning for consultations.", conc="Positive health is a conversation tool rather than a treatment.",
  nlab="Positieve gezondheid is populair in de eerste lijn. Wij beschouwen de betekenis voor het consult. Positieve gezondheid is vooral een gespreksinstrument.")
S("E7", "E", 2020, "eng", "dpcr", "article", "practical guide", "chronic", "gc", "Organising group consultations in chronic care: a practical guide for general practices",
  bg="Practices ask how to start group consultations.", res="This guide covers patient selection, planning, privacy and reimbursement.", conc="Careful preparation is key.")
S("E7", "C", 2021, "eng", "dpcr", "article", "narrative review", "chronic", "sp", "Social prescribing: a narrative overview for general practitioners",
  bg="Social prescribing is spreading in primary care.", res="We summarise models and the questions they raise for general practitioners.", conc="Evidence is still limited.")
S("E7", "P", 2017, "eng", "dtele", "article", "opinion", "chronic", "tm", "Telemonitoring in chronic disease management: hype or help?",
  bg="Telemonitoring is promoted as a solution for capacity problems.", res="We argue that telemonitoring shifts rather than reduces work.", conc="Implementation should be evaluated critically.")
S("E7", "PEC", 2022, "eng", "dcci", "article", "conceptual framework", "chronic", "diff", "Differentiation of chronic care in general practice: a conceptual framework",
  bg="Differentiation of care is poorly defined.", res="We propose a framework with three dimensions: care need, self-management capacity and preferences.", conc="The framework can guide future studies.")
S("E7", "PE", 2016, "eng", "drespir", "erratum", "erratum", "copd", "sm", "Erratum: Nurse-led self-management support for COPD in general practice: a randomised controlled trial", trap="erratum", note="erratum notice, not a study report")
S("E7", "PE", 2016, "eng", "ddsr", "sysreview", "systematic review", "chronic", "poh", "Practice nurse-led care for chronic conditions in general practice",
  trap="review-update", note="review of studies, not an empirical study itself", res="We included 14 studies. Quality of care by practice nurses was similar to that by GPs; evidence on costs was limited.",
  conc="Practice nurse-led chronic care is probably as good as GP-led care.")
S("E7", "PE", 2022, "eng", "ddsr", "sysreview", "systematic review", "chronic", "poh", "Practice nurse-led care for chronic conditions in general practice",
  trap="review-update", note="update of the 2016 review", res="We included 23 studies. Practice nurse-led care gave similar or better quality of care and patient satisfaction; evidence on workload and costs remained limited.",
  conc="Practice nurse-led chronic care is as good as GP-led care.")
S("E7", "P", 2016, "eng", "dgp", "article", "viewpoint", "chronic", "int", "Ten years of care groups in Dutch general practice: a viewpoint",
  bg="Care groups have organised chain care for ten years.", res="We discuss achievements and the administrative burden they brought.", conc="Care groups need to move beyond single diseases.")
S("E7", "E", 2024, "eng", "dgp", "article", "position paper", "chronic", "int", "The role of regional primary care organisations in chronic care: a discussion paper",
  bg="Regional primary care organisations are taking over the role of care groups.", res="We discuss their tasks in chronic care.", conc="Their role should be defined nationally.")

# --- The search update (U: a second PubMed export, 2026-11-30) and citation searching (R) --------
# New studies the update found; the update also repeats records of studies already in the review
# (UPDATE_REPEATS below: same PMIDs, and studies that only Embase or CINAHL had before).
S(None, "U", 2026, "eng", "ddiab", "rct", "RCT", "dm2", "eh", "Video consultations instead of routine visits for stable type 2 diabetes in general practice: a randomised non-inferiority trial", out="eff=0 px=+ cap=+",
  res="HbA<sub>1c</sub> after 12 months was non-inferior with video consultations (difference 0.4 mmol/mol, 95% CI -1.1 to 1.9); patients valued the saved travel time and practice nurses saw 15% more patients per session.", conc="Video consultations can replace part of the routine diabetes visits without loss of glycaemic control.")
S(None, "U", 2025, "eng", "dfrail", "rct", "cluster RCT", "frail", "cm", "Proactive case management with a shared digital dashboard for frail older people in general practice: a stepped-wedge trial", out="eff=~ px=+ wl=-",
  res="Unplanned hospital admissions fell in two of the four regions only; patients and carers felt better informed, and case managers spent more time on registration.", conc="A shared dashboard made case management more transparent, with mixed effects on admissions and more administrative work.")
S(None, "U", 2025, "eng", "dpcr", "article", "mixed methods", "multi", "sp", "Social prescribing for patients with multimorbidity in general practice: a mixed-methods evaluation in three regions", out="px=+ wl=0 sus=~",
  res="Referred patients reported better wellbeing and less loneliness after six months; GP consultations did not change, and two of the three regions kept the link worker after the pilot funding ended.", conc="Social prescribing was valued by patients with multimorbidity; its continuation depended on local funding.")
S(None, "U", 2026, "dut", "ftvh", "article", "cohort", "dm2", "gli", "Referral to the combined lifestyle intervention from general practice: a cohort study of uptake and weight change",
  nl="Verwijzing naar de gecombineerde leefstijlinterventie vanuit de huisartsenpraktijk: een cohortstudie naar deelname en gewichtsverandering", out="eff=+ sus=~",
  res="Of the referred patients, 58% started the programme; completers lost on average 4.8% of their weight after two years, but one in three stopped early.", conc="The combined lifestyle intervention led to clinically relevant weight loss in completers; drop-out limits its reach.",
  nlab="Wij volgden {N} patiënten met diabetes type 2 uit {np} huisartsenpraktijken die naar de gecombineerde leefstijlinterventie waren verwezen. Van hen startte 58%; wie het programma afmaakte viel na twee jaar gemiddeld 4,8% af, maar een op de drie stopte vroegtijdig.")
S(None, "U", 2026, "eng", "drespir", "protocol", "protocol", "copd", "diff", "Nurse-led differentiation of COPD care by need in general practice (DEMO-DIFF): protocol for a cluster randomised trial", out="qoc=? wl=? px=?", reg="NL-OMON99130",
  res="Thirty general practices will be randomised to differentiated COPD care, in which practice nurses set the frequency of check-ups by need, or to usual care. We aim to include 900 patients. Outcomes are quality of care, practice nurse workload and patient experience after 18 months.", conc="The trial will show whether differentiating COPD care by need is safe and saves nurse time.")
S(None, "U", 2025, "eng", "dcard", "article", "before-after", "hf", "poh", "Heart failure care by practice nurses after hospital discharge: a before-after study in general practice", out="qoc=+ cap=~",
  res="Follow-up within two weeks of discharge rose from 41% to 77% and medication was titrated more often; GP contacts fell, but practice nurse hours rose by a similar amount.", conc="Practice nurse follow-up after discharge improved heart failure care; capacity was shifted rather than saved.")
S("E2", "U", 2025, "ger", "dzfa", "article", "qualitative", "chronic", "eh", "Video consultations in Dutch and German general practices: a qualitative comparison",
  nl="Videosprechstunden in niederländischen und deutschen Hausarztpraxen: ein qualitativer Vergleich", aff="de",
  res="Practices in both countries used video mainly for follow-up of stable patients.", conc="Reimbursement shaped the use of video consultations.")
S("E3", "U", 2026, "eng", "dgp", "editorial", "editorial", "chronic", "diff", "Differentiated chronic care: from pilots to policy")
S("E4", "U", 2025, "eng", "dtele", "rct", "RCT", "hf", "tm", "Telemonitoring of heart failure by community nurses in England: a randomised trial",
  site="community nursing teams in England", aff="uk", res="Readmissions did not differ at 12 months.", conc="Community telemonitoring did not reduce readmissions.")
S("E5", "U", 2026, "eng", "ddiab", "rct", "RCT", "dm2", "none", "Once-daily oral semaglutide versus sitagliptin in type 2 diabetes managed in general practice: a randomised trial",
  bg="Oral GLP-1 receptor agonists are new to primary care.", res="HbA<sub>1c</sub> fell more with oral semaglutide.", conc="Oral semaglutide lowered glucose more than sitagliptin.")
S("E6", "U", 2025, "eng", "dgp", "article", "cohort", "acute", "tm", "Home pulse oximetry for adults with COVID-19 in general practice: a cohort study",
  bg="Home monitoring was used widely during the pandemic.", res="Few patients needed admission.", conc="Home oximetry was safe.")
S("E7", "U", 2026, "eng", "dcci", "article", "narrative review", "chronic", "eh", "Digital chronic care in general practice: a narrative review",
  bg="Digital care is spreading in primary care.", res="We summarise the forms of digital chronic care and the questions they raise.", conc="Evaluations are needed.")
# Citation searching (R): reference lists of the included studies gave these records, two of which
# the databases had found already (CITATION_REPEATS below).
S(None, "R", 2017, "dut", "ftvh", "article", "before-after", "dm2", "diff", "Differentiated diabetes care by need in a care group: a before-after study",
  nl="Gedifferentieerde diabeteszorg naar zorgbehoefte in een zorggroep: een voor-nameting", out="effic=+ qoc=0",
  res="Stable patients had two instead of four check-ups a year; quality indicators did not change, and practice nurse time per patient fell by 22%.", conc="Differentiating diabetes care by need saved nurse time without loss of quality.",
  nlab="In een zorggroep kregen stabiele patiënten met diabetes type 2 twee in plaats van vier controles per jaar. Kwaliteitsindicatoren veranderden niet en de tijd van de praktijkondersteuner per patiënt daalde met 22%.")
S(None, "R", 2021, "eng", "dnurs", "article", "process evaluation", "multi", "int", "Integrating chronic care programmes for patients with multimorbidity in general practice: a process evaluation", out="px=+ wl=~",
  res="Practices combined the diabetes, cardiovascular and COPD check-ups into one annual consultation; patients liked fewer visits, but integration took time to organise.", conc="Integrated check-ups were feasible and welcomed; practices need support to reorganise.")
S("E7", "R", 2020, "eng", "dgp", "article", "position paper", "chronic", "int", "Towards integrated chronic care in general practice: a position paper",
  bg="Single-disease programmes dominate chronic care.", res="We propose principles for integrated care for multimorbidity.", conc="Integration should be the default.")

# The ClinicalTrials.gov search (T, 2026-11-25): registrations only the register has, with the
# register's own fields (reg = NCT number, status, posted/start/end dates, acronym, enrol =
# planned enrolment, ctitle = the register's brief title). The year is the year first posted.
# The register also holds the registration of one trial the databases found (REGISTERED below).
S(None, "T", 2025, "eng", "dgp", "registration", "protocol", "copd", "gc", "Group consultations for people with COPD and heart failure in general practice", out="eff=? px=? wl=?",
  reg="NCT99000214", status="RECRUITING", posted="2025-03-10", start="2025-05-01", end="2027-12", acronym="DEMO-GROUP", enrol=480,
  ctitle="Group Consultations for People With COPD and Heart Failure in General Practice",
  res="Practices in the Utrecht region offer combined group consultations to patients with COPD and heart failure instead of two separate check-ups; outcomes are disease control, patient experience and practice nurse workload after 12 months.")
S(None, "T", 2026, "eng", "dgp", "registration", "protocol", "frail", "sp", "Social prescribing link workers for frail older people in general practice", out="eff=? ce=? px=?",
  reg="NCT99000377", status="NOT_YET_RECRUITING", posted="2026-08-20", start="2027-01", end="2029-06", acronym="DEMO-LINK", enrol=600,
  ctitle="Social Prescribing Link Workers for Frail Older People in General Practice",
  res="Frail older people registered with 24 general practices will be offered a link worker who connects them with welfare and community activities; outcomes are days living at home, costs and patient experience.")
S(None, "T", 2023, "eng", "dgp", "registration", "protocol", "ckd", "tm", "Home measurements and practice nurse follow-up for chronic kidney disease in general practice", out="qoc=? wl=?",
  reg="NCT99000452", status="ACTIVE_NOT_RECRUITING", posted="2023-11-02", start="2024-01-15", end="2026-12", acronym="DEMO-CKD", enrol=350,
  ctitle="Home Measurements and Practice Nurse Follow-up for Chronic Kidney Disease in General Practice",
  res="Patients with chronic kidney disease measure blood pressure and weight at home and send the values to the practice nurse; outcomes are guideline-adherent follow-up and nurse workload.")
S("E4", "T", 2025, "eng", "dgp", "registration", "protocol", "hf", "poh", "Nurse-led heart failure clinic after discharge in Belgian hospitals", out="eff=? px=?",
  reg="NCT99000533", status="RECRUITING", posted="2025-06-03", start="2025-09-01", end="2027-06", acronym="DEMO-CLINIC", enrol=300, site="hospital outpatient clinics in Belgium",
  ctitle="Nurse-led Heart Failure Clinic After Discharge in Belgian Hospitals",
  res="Patients discharged after heart failure admission to four Belgian hospitals are followed in a nurse-led outpatient clinic instead of by the cardiologist; outcomes are readmissions and patient experience.")

# A trial the databases found, also in the register: its registration (same study) and the
# PubMed record's DataBankList, which names the number.
REGISTERED = {
    "S001": dict(reg="NCT99000101", status="COMPLETED", posted="2016-06-14", start="2016-09-01", end="2018-12-20", acronym="DEMO-GC",
                 enrol=1200, ctitle="Group Consultations Versus Individual Consultations for Type 2 Diabetes in General Practice",
                 res="Practices are randomised to group consultations or individual consultations for type 2 diabetes; the primary outcome is HbA1c after 12 months."),
}

TRAPS = {
    "comment-reply": "a comment on a trial and the authors' reply with almost the same title; neither duplicates the trial",
    "part-series": "Part 1 and Part 2 of one series: same stem title, different studies",
    "protocol-results": "a trial protocol (2017) and its results paper (2021) with near-identical titles",
    "conference-full": "a conference abstract (2019) and the later full article (2020) of the same trial",
    "erratum": "an erratum notice carrying the original title after 'Erratum:'",
    "review-update": "a systematic review (2016) and its update (2022) with the same title, journal and pages",
}

# ---------------------------------------------------------------------------------------------
# Derived details: numbers, authors, pages, identifiers (one random stream per study).


def derive():
    doi_seq = {}
    for st in STUDIES:
        r = random.Random(f"{SEED}:{st['sid']}")
        jfull, jabbr, base, _, _ = JOURNALS[st["jrn"]]
        st["month"], st["day"] = r.randint(1, 12), r.randint(1, 28)
        st["volume"] = str(st["year"]) if base is None else str(st["year"] - base + 1)
        st["issue"] = "Suppl 2" if st["ptype"] == "conference" else str(r.randint(1, 12))
        short = st["ptype"] in NO_ABSTRACT or st["ptype"] == "conference"
        start = r.randint(12, 880)
        st["pages"] = (f"S{r.randint(10, 99)}", None) if st["ptype"] == "conference" else (str(start), str(start + (r.randint(0, 2) if short else r.randint(5, 11))))
        if st["jrn"] == "ddsr":
            st["pages"] = ("CD099123", None)
        np_ = r.randint(4, 12) if st["design"] in ("qualitative", "process evaluation") else r.randint(8, 48)
        np_, n_ = st.get("n") or (np_, np_ * r.randint(15, 55))
        months = re.search(r"\b(\d+) months", st.get("res", ""))
        st["nums"] = dict(np=np_, N=n_, mo=int(months.group(1)) if months else r.choice([6, 12, 18, 24]), k=r.randint(14, 32),
                          site=st.get("site") or f"general practices in {r.choice(REGIONS)}",
                          cond=CONDITIONS[st["cond"]][0], ivp=st.get("ivp") or INTERVENTIONS[st["iv"]][1])
        key = (st["jrn"], st["year"])
        doi_seq[key] = doi_seq.get(key, 0) + 1
        st["doi"] = None if st["ptype"] in ("conference", "registration") else f"10.5555/demo.{st['jrn']}.{st['year']}.{doi_seq[key]:03d}"
        if st["jrn"] == "ddsr":
            st["doi"] = "10.5555/demo.ddsr.CD099123" + (".pub2" if st["year"] > 2016 else "")
        country = st.get("aff", "nl")
        fam, giv = (FAMILY, GIVEN) if country == "nl" else FOREIGN[country]
        n = {"erratum": 0, "editorial": r.randint(1, 2), "letter": r.randint(1, 3), "comment": r.randint(1, 2),
             "news": 0}.get(st["ptype"], r.randint(3, 7))
        authors = []
        for i in range(n):
            pool_f = fam if i == 0 or country == "nl" or r.random() < 0.6 else FAMILY
            first, mid = r.choice(giv if pool_f is fam else GIVEN), r.choice("ABCDEFGHJKLMNPRSTW") if r.random() < 0.35 else ""
            last = r.choice(pool_f)
            if any(a[0] == last for a in authors):
                continue
            aff = r.choice(AFFIL[country] if pool_f is fam else AFFIL["nl"])
            authors.append((last, first, mid, aff))
        st["authors"] = authors
        if st.get("flags", "").startswith("group:"):
            st["group"] = st["flags"][6:]
    # Linked reports come from one team: the reply from the trial's authors, the protocol from the
    # results paper's, Part 1 and Part 2, the review and its update, the abstract and the article.
    for trap in ("comment-reply", "protocol-results", "part-series", "review-update", "conference-full"):
        group = [s for s in STUDIES if s.get("trap") == trap and s["ptype"] not in ("comment",)]
        base = group[-1] if trap == "conference-full" else group[0]
        for other in group:
            if other is not base:
                other["authors"] = base["authors"][:3 if other["ptype"] == "letter" else 5]


def abstract_sections(st):
    """[(label, text)] of the English abstract; [] when the publication type carries none."""
    if st["ptype"] in NO_ABSTRACT:
        return []
    f = st["nums"]
    bg = st.get("bg") or INTERVENTIONS[st["iv"]][2]
    res, conc = st.get("res", "").format(**f), st.get("conc", "").format(**f)
    if st["design"] in NON_EMPIRICAL:
        return [("", " ".join(x for x in (bg, res, conc) if x))]
    if st["design"] == "systematic review":
        return [("BACKGROUND", bg), ("OBJECTIVES", "To assess the effects of practice nurse-led care for chronic conditions in general practice in the Netherlands."),
                ("SEARCH METHODS", f"We searched four databases up to {st['year'] - 1}."), ("MAIN RESULTS", res), ("AUTHORS' CONCLUSIONS", conc)]
    if st["ptype"] == "protocol":
        return [("BACKGROUND", bg), ("METHODS", res), ("DISCUSSION", conc), ("TRIAL REGISTRATION", f"{st['reg']}.")]
    methods = (st.get("meth") or METHODS[st["design"] if st["design"] in METHODS else "RCT"]).format(**f)
    sections = [("BACKGROUND", bg), ("METHODS", methods), ("RESULTS", res), ("CONCLUSIONS", conc)]
    if st.get("reg"):
        sections.append(("TRIAL REGISTRATION", f"{st['reg']}."))
    return sections


NLM_CATEGORY = {"BACKGROUND": "BACKGROUND", "OBJECTIVES": "OBJECTIVE", "SEARCH METHODS": "METHODS", "METHODS": "METHODS",
                "RESULTS": "RESULTS", "MAIN RESULTS": "RESULTS", "CONCLUSIONS": "CONCLUSIONS", "AUTHORS' CONCLUSIONS": "CONCLUSIONS",
                "DISCUSSION": "CONCLUSIONS", "TRIAL REGISTRATION": "BACKGROUND"}


def strip_tags(s):
    return re.sub(r"</?(i|b|sup|sub)>", "", s)


def inline_xml(s):
    """Escape for XML but keep PubMed's inline markup (<i>, <sup>, <sub>, <b>)."""
    return re.sub(r"&lt;(/?)(i|b|sup|sub)&gt;", r"<\1\2>", escape(s))


def flat_abstract(sections, labels):
    if not sections:
        return ""
    if labels == "none" or not sections[0][0]:
        return " ".join(strip_tags(t) for _, t in sections)
    fmt = (lambda l: l.capitalize()) if labels == "title" else (lambda l: l)
    return " ".join(f"{fmt(l)}: {strip_tags(t)}" for l, t in sections)


def medline_pages(first, last):
    if last is None or last == first:
        return first
    i = 0
    while len(first) == len(last) and i < len(first) - 1 and first[i] == last[i]:
        i += 1
    return f"{first}-{last[i:]}"


def title_case(s):
    small = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "versus", "vs"}
    words = s.split(" ")
    return " ".join(w if (i and w.lower() in small) or not w[:1].islower() else w[:1].upper() + w[1:] for i, w in enumerate(words))


def keywords(st):
    kw = [INTERVENTIONS[st["iv"]][3], CONDITIONS[st["cond"]][0], "general practice", "chronic care"]
    return [k for k in kw if k and k != "usual care"]


PUBTYPE_PUBMED = {"rct": ["Journal Article", "Randomized Controlled Trial"], "protocol": ["Journal Article", "Clinical Trial Protocol"],
                  "article": ["Journal Article"], "editorial": ["Editorial"], "letter": ["Letter"], "comment": ["Comment", "Letter"],
                  "news": ["News"], "erratum": ["Published Erratum"], "sysreview": ["Journal Article", "Review", "Systematic Review"],
                  "conference": ["Congress"]}
PUBTYPE_UI = {"Journal Article": "D016428", "Randomized Controlled Trial": "D016449", "Clinical Trial Protocol": "D000078325",
              "Editorial": "D016421", "Letter": "D016422", "Comment": "D016420", "News": "D016433", "Published Erratum": "D016425",
              "Review": "D016454", "Congress": "D016423", "Systematic Review": "D000078182", "Observational Study": "D064888", "English Abstract": "D004740"}
PUBTYPE_EMBASE = {"rct": "Article", "protocol": "Article", "article": "Article", "editorial": "Editorial", "letter": "Letter",
                  "comment": "Note", "news": "Note", "erratum": "Erratum", "sysreview": "Review", "conference": "Conference Abstract"}
PUBTYPE_CINAHL = {"rct": "Journal Article; Research; Randomized Controlled Trial", "protocol": "Journal Article; Research; Protocol",
                  "article": "Journal Article; Research", "editorial": "Editorial", "letter": "Letter", "comment": "Commentary",
                  "news": "News", "erratum": "Erratum/Correction", "sysreview": "Journal Article; Systematic Review",
                  "conference": "Abstract"}
LANG_NAME = {"eng": "English", "dut": "Dutch", "ger": "German", "fre": "French"}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def pubmed_types(st):
    types = list(PUBTYPE_PUBMED[st["ptype"]])
    if st["design"] in ("cohort", "before-after") and st["ptype"] == "article":
        types.append("Observational Study")
    if st["design"] in NON_EMPIRICAL and st["design"] != "position paper":
        types.append("Review")
    if st["lang"] != "eng" and st["ptype"] not in NO_ABSTRACT:
        types.append("English Abstract")
    return types


def display_title(st):
    """The English title as PubMed shows it: non-English articles get [brackets]; always a final period."""
    t = st["title"]
    t = f"[{t}]" if st["lang"] != "eng" else t
    return t if t.endswith((".", "?")) else t + "."


# ---------------------------------------------------------------------------------------------
# Writers. Each returns the file text and, per record, (study id, source id, variants).


def tag(name, text, attrs="", raw=False):
    return f"<{name}{attrs}>{text if raw else escape(str(text))}</{name}>"


def write_pubmed(copies, known=None):
    """PubMed XML of `copies`; `known` gives the PMIDs of studies an earlier export had (an update)."""
    pmid = {}
    for k, st in enumerate(sorted(copies, key=lambda s: (s["year"], s["month"], s["sid"]))):
        pmid[st["sid"]] = 990012345 + 173 * k
    if known is not None:
        fresh = [st for st in sorted(copies, key=lambda s: (s["year"], s["month"], s["sid"])) if st["sid"] not in known]
        pmid = {sid: int(known[sid]) for sid in (st["sid"] for st in copies) if sid in known}
        for k, st in enumerate(fresh):
            pmid[st["sid"]] = 990112345 + 173 * k
    out = ['<?xml version="1.0" ?>',
           '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">',
           "<PubmedArticleSet>"]
    rows = []
    for st in sorted(copies, key=lambda s: -pmid[s["sid"]]):
        r = random.Random(f"{SEED}:P:{st['sid']}")
        jfull, jabbr, _, country, medline = JOURNALS[st["jrn"]]
        y, m, d = st["year"], st["month"], st["day"]
        indexed = y <= 2023 and medline
        variants = []
        x = [f'<PubmedArticle><MedlineCitation Status="{"MEDLINE" if indexed else "PubMed-not-MEDLINE"}" Owner="NLM" IndexingMethod="{"Automated" if y >= 2019 else "Manual"}">',
             tag("PMID", pmid[st["sid"]], ' Version="1"')]
        if indexed:
            x.append(f"<DateCompleted><Year>{y if m < 11 else y + 1}</Year><Month>{(m + 1) % 12 + 1:02d}</Month><Day>{d:02d}</Day></DateCompleted>")
        x.append(f"<DateRevised><Year>{min(y + 2, 2025)}</Year><Month>{m:02d}</Month><Day>{d:02d}</Day></DateRevised>")
        x.append(f'<Article PubModel="{"Print-Electronic" if st.get("flags") == "epub" else "Print"}"><Journal>')
        x.append(tag("ISSN", JOURNAL_ISSN[st["jrn"]], ' IssnType="Electronic"'))
        if "mdate" in st.get("flags", ""):
            date = "<MedlineDate>2016 Nov-Dec</MedlineDate>"
            variants.append("medline-date")
        else:
            date = f"<Year>{y}</Year><Month>{MONTHS[m - 1]}</Month>" + (f"<Day>{d}</Day>" if r.random() < 0.4 else "")
        x.append(f'<JournalIssue CitedMedium="Internet"><Volume>{st["volume"]}</Volume><Issue>{st["issue"]}</Issue><PubDate>{date}</PubDate></JournalIssue>')
        x.append(tag("Title", jfull) + tag("ISOAbbreviation", jabbr) + "</Journal>")
        x.append(tag("ArticleTitle", inline_xml(display_title(st)), raw=True))
        first, last = st["pages"]
        x.append("<Pagination>" + tag("StartPage", first) + (tag("EndPage", last) if last else "") + tag("MedlinePgn", medline_pages(first, last)) + "</Pagination>")
        if st["doi"]:
            x.append(tag("ELocationID", st["doi"], ' EIdType="doi" ValidYN="Y"'))
        sections = abstract_sections(st)
        if sections:
            structured = sections[0][0] and (st["ptype"] in ("protocol", "sysreview") or r.random() < 0.7)
            if structured:
                body = "".join(tag("AbstractText", inline_xml(t), f' Label="{l}" NlmCategory="{NLM_CATEGORY[l]}"', raw=True) for l, t in sections)
                variants.append("structured-abstract")
            else:
                body = tag("AbstractText", inline_xml(" ".join(t for _, t in sections)), raw=True)
            x.append(f"<Abstract>{body}<CopyrightInformation>© {y} Demo Publisher (fictional).</CopyrightInformation></Abstract>" if r.random() < 0.3 else f"<Abstract>{body}</Abstract>")
        if st["authors"] or st.get("group"):
            x.append('<AuthorList CompleteYN="Y">')
            for i, (last_name, given, mid, aff) in enumerate(st["authors"]):
                x.append('<Author ValidYN="Y">' + tag("LastName", last_name) + tag("ForeName", f"{given} {mid}".strip())
                         + tag("Initials", given[0] + mid) + ("<AffiliationInfo>" + tag("Affiliation", aff) + "</AffiliationInfo>" if i < 3 else "") + "</Author>")
            if st.get("group"):
                x.append('<Author ValidYN="Y">' + tag("CollectiveName", st["group"]) + "</Author>")
                variants.append("collective-author")
            x.append("</AuthorList>")
        x.append(tag("Language", st["lang"]))
        if st["sid"] in REGISTERED:
            x.append('<DataBankList CompleteYN="Y"><DataBank>' + tag("DataBankName", "ClinicalTrials.gov") + "<AccessionNumberList>"
                     + tag("AccessionNumber", REGISTERED[st["sid"]]["reg"]) + "</AccessionNumberList></DataBank></DataBankList>")
            variants.append("databank-trial-number")
        x.append("<PublicationTypeList>" + "".join(tag("PublicationType", t, f' UI="{PUBTYPE_UI[t]}"') for t in pubmed_types(st)) + "</PublicationTypeList>")
        if st["lang"] != "eng" and st.get("nl"):
            x.append(tag("VernacularTitle", st["nl"] + ("" if st["nl"].endswith(".") else ".")))
            variants.append("vernacular-title")
        if st.get("flags") == "epub":
            x.append(f'<ArticleDate DateType="Electronic"><Year>{y - 1}</Year><Month>12</Month><Day>{d:02d}</Day></ArticleDate>')
            variants.append("epub-previous-year")
        x.append("</Article>")
        x.append("<MedlineJournalInfo>" + tag("Country", country) + tag("MedlineTA", jabbr) + tag("NlmUniqueID", f"9999{list(JOURNALS).index(st['jrn']) + 101:03d}")
                 + tag("ISSNLinking", JOURNAL_ISSN[st["jrn"]]) + "</MedlineJournalInfo>")
        if indexed:
            x.append("<CitationSubset>IM</CitationSubset>")
        links = comments_corrections(st, copies, pmid)
        if links:
            x.append("<CommentsCorrectionsList>" + "".join(f'<CommentsCorrections RefType="{t}">' + tag("RefSource", src) + tag("PMID", p, ' Version="1"')
                                                     + "</CommentsCorrections>" for t, src, p in links) + "</CommentsCorrectionsList>")
        if indexed and st["ptype"] not in ("news", "erratum"):
            x.append("<MeshHeadingList>" + "".join(mesh_heading(*h) for h in mesh(st, r)) + "</MeshHeadingList>")
        if r.random() < 0.7 and st["ptype"] not in NO_ABSTRACT:
            x.append('<KeywordList Owner="NOTNLM">' + "".join(tag("Keyword", k, ' MajorTopicYN="N"') for k in keywords(st)) + "</KeywordList>")
        x.append("</MedlineCitation><PubmedData><History>")
        for status, (yy, mm, dd) in (("received", (y - 1, m, d)), ("accepted", (y if m > 3 else y - 1, (m - 4) % 12 + 1, d)), ("pubmed", (y, m, d)), ("medline", (y, m, d)), ("entrez", (y, m, d))):
            if status in ("received", "accepted") and st["ptype"] in NO_ABSTRACT or status == "medline" and not indexed:
                continue
            x.append(f'<PubMedPubDate PubStatus="{status}"><Year>{yy}</Year><Month>{mm}</Month><Day>{dd}</Day>' + ("<Hour>6</Hour><Minute>0</Minute>" if status != "received" and status != "accepted" else "") + "</PubMedPubDate>")
        x.append("</History><PublicationStatus>" + "ppublish" + "</PublicationStatus><ArticleIdList>")
        x.append(tag("ArticleId", pmid[st["sid"]], ' IdType="pubmed"'))
        if st["doi"]:
            x.append(tag("ArticleId", st["doi"], ' IdType="doi"'))
        if r.random() < 0.3 and st["ptype"] not in NO_ABSTRACT:
            x.append(tag("ArticleId", f"PMC{990000000 + pmid[st['sid']] % 100000 * 7}", ' IdType="pmc"'))
            variants.append("pmc-id")
        x.append("</ArticleIdList></PubmedData></PubmedArticle>")
        out.append(indent_pubmed("".join(x)))
        rows.append((st["sid"], str(pmid[st["sid"]]), variants))
    out.append("</PubmedArticleSet>\n")
    return "\n".join(out), rows


def indent_pubmed(xml):
    """Pretty-print one PubmedArticle, keeping mixed-content elements on one line."""
    inline = ("ArticleTitle", "AbstractText", "VernacularTitle")
    lines, depth = [], 1
    for tok in re.findall(r"<(?:ArticleTitle|AbstractText|VernacularTitle)\b.*?</(?:ArticleTitle|AbstractText|VernacularTitle)>|</[^>]+>|<[^>]+>[^<]*(?:</[^>]+>)?", xml):
        closing = tok.startswith("</")
        leaf = not closing and ("</" in tok or tok.startswith(tuple(f"<{n}" for n in inline)))
        if closing:
            depth -= 1
        lines.append("  " * depth + tok)
        if not closing and not leaf and not tok.endswith("/>"):
            depth += 1
    return "\n".join(lines)


def comments_corrections(st, copies, pmid):
    """CommentIn/CommentOn and ErratumIn/ErratumFor links between the copies that are in PubMed."""
    links, in_pubmed = [], {s["sid"] for s in copies}
    group = [s for s in STUDIES if s.get("trap") == st.get("trap") and st.get("trap") in ("comment-reply", "erratum") and s["sid"] in in_pubmed]
    src = lambda s: f"{JOURNALS[s['jrn']][1]}. {s['year']};{s['volume']}({s['issue']}):{medline_pages(*s['pages'])}"
    for other in group:
        if other is st:
            continue
        if st.get("trap") == "erratum":
            links.append(("ErratumFor" if st["ptype"] == "erratum" else "ErratumIn", src(other), pmid[other["sid"]]))
        elif st["ptype"] == "rct" and other["ptype"] == "comment" or st["ptype"] == "comment" and other["ptype"] == "letter":
            links.append(("CommentIn", src(other), pmid[other["sid"]]))
        elif st["ptype"] == "comment" and other["ptype"] == "rct" or st["ptype"] == "letter" and other["ptype"] == "comment":
            links.append(("CommentOn", src(other), pmid[other["sid"]]))
    return links


def mesh(st, r):
    heads = [(name, ui, "Y" if i == 0 else "N", None) for i, (name, ui) in enumerate(CONDITIONS[st["cond"]][1])]
    heads.append(("General Practice", "D058007", "Y" if st["iv"] != "none" else "N", "organization & administration|Q000458"))
    if st["iv"] in ("tm", "eh"):
        heads.append(("Telemedicine", "D017216", "Y", None))
    if st["iv"] == "pcc":
        heads.append(("Patient Care Planning", "D010347", "Y", None))
    heads += [("Humans", "D006801", "N", None), ("Female", "D005260", "N", None), ("Male", "D008297", "N", None),
              ("Aged", "D000368", "N", None), ("Middle Aged", "D008875", "N", None)]
    if st["design"] == "cohort":
        heads.append(("Cohort Studies", "D015331", "N", None))
    if st["design"] in ("survey", "mixed methods") or r.random() < 0.2:
        heads.append(("Surveys and Questionnaires", "D011795", "N", None))
    if st.get("aff", "nl") == "nl":
        heads.append(("Netherlands", "D009426", "N", "epidemiology|Q000453" if r.random() < 0.3 else None))
    return sorted(heads, key=lambda h: h[0])


def mesh_heading(name, ui, major, qualifier):
    q = ""
    if qualifier:
        qn, qui = qualifier.split("|")
        q = tag("QualifierName", qn, f' UI="{qui}" MajorTopicYN="N"')
    return "<MeshHeading>" + tag("DescriptorName", name, f' UI="{ui}" MajorTopicYN="{major}"') + q + "</MeshHeading>"


def write_embase(copies, pmids):
    r0 = random.Random(f"{SEED}:E:order")
    copies = sorted(copies, key=lambda s: s["sid"])
    r0.shuffle(copies)
    lines, rows = [], []
    for k, st in enumerate(copies):
        r = random.Random(f"{SEED}:E:{st['sid']}")
        jfull, jabbr, *_ = JOURNALS[st["jrn"]]
        acc = f"L99203{10017 + 37 * k:05d}"
        variants = []
        rec = [("TY", "JOUR"), ("M3", PUBTYPE_EMBASE[st["ptype"]]),
               ("Y1", str(st["year"] - 1 if st.get("flags") == "epub" else st["year"]))]
        if st.get("flags") == "epub":
            variants.append("year-of-epub")
        rec += [("VL", st["volume"]), ("IS", st["issue"]), ("SP", st["pages"][0])]
        if st["pages"][1]:
            rec.append(("EP", st["pages"][1]))
        rec += [("SN", JOURNAL_ISSN[st["jrn"]]), ("JF", jfull), ("JA", jabbr),
                ("UR", f"https://www.embase.com/search/results?subaction=viewrecord&from=export&id={acc}"), ("U2", acc)]
        pm = pmids.get(st["sid"])
        if pm and r.random() < 0.5:
            rec.append(("C5", pm))
            variants.append("pmid-in-C5")
        rec.append(("DB", "Embase"))
        if pm and ("C5", pm) in rec:
            rec.append(("DB", "Medline"))
        rec.append(("U3", f"{st['year']}-{st['month']:02d}-{st['day']:02d}"))
        if st["doi"]:
            doi, roll = st["doi"], r.random()
            if roll < 0.35:
                doi = "https://doi.org/" + doi
                variants.append("doi-url")
            elif roll < 0.55:
                doi = doi.upper()
                variants.append("doi-upper-case")
            rec += [("L2", "https://doi.org/" + st["doi"]), ("DO", doi)]
        for last, given, mid, _ in st["authors"]:
            rec.append(("A1", f"{last}, {given}" + (f" {mid}." if mid else "")))
        if st.get("group"):
            rec.append(("A1", st["group"]))
        if st["authors"]:
            last, given, mid, aff = st["authors"][0]
            rec.append(("AD", f"{given[0]}.{mid + '.' if mid else ''} {last}, {aff}"))
        rec += [("T1", strip_tags(st["title"])), ("LA", LANG_NAME[st["lang"]])]
        emtree = ["human", "article" if st["ptype"] in ("article", "rct", "protocol") else PUBTYPE_EMBASE[st["ptype"]].lower(),
                  "general practice", *CONDITIONS[st["cond"]][2]]
        if st["iv"] != "none":
            emtree.append(INTERVENTIONS[st["iv"]][3])
        if st.get("aff", "nl") == "nl" and (not st.get("site") or "Netherlands" in st["site"]):
            emtree.append("Netherlands")
        if st["design"] in ("RCT", "cluster RCT"):
            emtree.append("randomized controlled trial")
        rec += [("KW", t) for t in emtree]
        sections = abstract_sections(st)
        if sections:
            rec.append(("AB", flat_abstract(sections, "title" if r.random() < 0.5 else "none")))
        rec.append(("ER", ""))
        for t, v in rec:
            lines.append(f"{t}  -" + (f" {v}" if v else ""))
        lines.append("")
        rows.append((st["sid"], acc, variants))
    return "\ufeff" + "\r\n".join(lines) + "\r\n", rows


def write_citation_ris(copies):
    """The records found by citation searching, as a reference manager exports them to RIS."""
    lines, rows = [], []
    for k, st in enumerate(sorted(copies, key=lambda s: (s["authors"][0][0] if s["authors"] else "", s["year"]))):
        jfull, *_ = JOURNALS[st["jrn"]]
        rec = [("TY", "JOUR")]
        rec += [("AU", f"{last}, {given}" + (f" {mid}." if mid else "")) for last, given, mid, _ in st["authors"]]
        rec += [("TI", strip_tags(st["title"])), ("T2", jfull), ("PY", str(st["year"])), ("VL", st["volume"]),
                ("IS", st["issue"]), ("SP", st["pages"][0])]
        if st["pages"][1]:
            rec.append(("EP", st["pages"][1]))
        if st["doi"]:
            rec.append(("DO", st["doi"]))
        rec.append(("LA", LANG_NAME[st["lang"]]))
        sections = abstract_sections(st)
        if sections:
            rec.append(("AB", flat_abstract(sections, "none")))
        rec.append(("N1", "Found in the reference list of an included study"))
        rec.append(("ER", ""))
        for t, v in rec:
            lines.append(f"{t}  -" + (f" {v}" if v else ""))
        lines.append("")
        rows.append((st["sid"], st["doi"] or f"R{k + 1}", []))
    return "\n".join(lines) + "\n", rows


CTGOV_COLUMNS = ["NCT Number", "Study Title", "Study URL", "Acronym", "Study Status", "Brief Summary", "Study Results",
                 "Conditions", "Interventions", "Primary Outcome Measures", "Sponsor", "Collaborators", "Sex", "Age",
                 "Phases", "Enrollment", "Funder Type", "Study Type", "Study Design", "Other IDs", "Start Date",
                 "Primary Completion Date", "Completion Date", "First Posted", "Last Update Posted", "Locations"]
CTGOV_CONDITION = {"dm2": "Type 2 Diabetes", "copd": "COPD|Heart Failure", "frail": "Frailty|Aged", "ckd": "Chronic Kidney Disease",
                   "hf": "Heart Failure"}
CTGOV_INTERVENTION = {"gc": "BEHAVIORAL: Group consultations|OTHER: Individual consultations", "sp": "BEHAVIORAL: Link worker",
                      "tm": "DEVICE: Home measurements|BEHAVIORAL: Practice nurse follow-up", "poh": "BEHAVIORAL: Nurse-led clinic"}


def csv_cell(value):
    value = str(value)
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


def write_clinicaltrials(copies):
    """The register's search, as ClinicalTrials.gov's CSV download (its current columns), newest first."""
    def fields(st):
        return {**st, **REGISTERED.get(st["sid"], {})}
    rows, lines = [], [",".join(CTGOV_COLUMNS)]
    for st in sorted(copies, key=lambda s: fields(s)["posted"], reverse=True):
        f = fields(st)
        outcomes = "|".join(OUTCOMES[p.split("=")[0]].capitalize() for p in st.get("out", "").split())
        place = ("Demo Hospital (fictional), Leuven, 3000, Belgium" if f.get("site", "").endswith("Belgium")
                 else "Demo Academic Network General Practice (fictional), Utrecht, 3584, Netherlands")
        cells = {
            "NCT Number": f["reg"], "Study Title": f["ctitle"], "Study URL": "https://clinicaltrials.gov/study/" + f["reg"],
            "Acronym": f["acronym"], "Study Status": f["status"], "Brief Summary": f["res"] + " FICTIONAL demo registration.",
            "Study Results": "NO", "Conditions": CTGOV_CONDITION[st["cond"]], "Interventions": CTGOV_INTERVENTION[st["iv"]],
            "Primary Outcome Measures": outcomes, "Sponsor": "Demo University Medical Centre (fictional)",
            "Collaborators": "Demo Health Research Fund (fictional)", "Sex": "ALL", "Age": "ADULT, OLDER_ADULT", "Phases": "NA",
            "Enrollment": f["enrol"], "Funder Type": "OTHER", "Study Type": "INTERVENTIONAL",
            "Study Design": "Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: NONE|Primary Purpose: HEALTH_SERVICES_RESEARCH",
            "Other IDs": "DEMO-" + f["reg"][-3:], "Start Date": f["start"], "Primary Completion Date": f["end"],
            "Completion Date": f["end"], "First Posted": f["posted"], "Last Update Posted": "2026-10-01", "Locations": place,
        }
        lines.append(",".join(csv_cell(cells[c]) for c in CTGOV_COLUMNS))
        rows.append((st["sid"], f["reg"], []))
    return "\n".join(lines) + "\n", rows


def write_cinahl(copies):
    r0 = random.Random(f"{SEED}:C:order")
    imported = sorted(copies, key=lambda s: s["sid"])
    r0.shuffle(imported)
    recno = {st["sid"]: i + 1 for i, st in enumerate(imported)}
    ordered = sorted(copies, key=lambda s: ((s["authors"][0][0] if s["authors"] else s["title"]).lower(), s["year"]))
    sty = '<style face="normal" font="default" size="100%">'
    w = lambda name, text: f"<{name}>{sty}{escape(str(text))}</style></{name}>"
    parts, rows = ['<?xml version="1.0" encoding="UTF-8" ?><xml><records>'], []
    for k, st in enumerate(ordered):
        r = random.Random(f"{SEED}:C:{st['sid']}")
        jfull, jabbr, *_ = JOURNALS[st["jrn"]]
        an = str(880012345 + 113 * recno[st["sid"]])
        variants = []
        x = ['<record><database name="Demo.enl" path="C:\\Users\\demo\\Documents\\Demo.enl">Demo.enl</database>',
             '<source-app name="EndNote" version="20.0">EndNote</source-app>', f"<rec-number>{recno[st['sid']]}</rec-number>",
             f'<foreign-keys><key app="EN" db-id="d9em0c0rpusf1ct10na1xzzd5e0dem0xx9t0" timestamp="{1700000000 + recno[st["sid"]] * 61}">{recno[st["sid"]]}</key></foreign-keys>',
             '<ref-type name="Journal Article">17</ref-type><contributors><authors>']
        initials_style = r.random() < 0.4
        if initials_style and st["authors"]:
            variants.append("authors-family-initials")
        for last, given, mid, _ in st["authors"]:
            x.append(w("author", f"{last} {given[0]}{mid}" if initials_style else f"{last}, {given}" + (f" {mid}." if mid else "")))
        if st.get("group"):
            x.append(w("author", st["group"] + ","))
        x.append("</authors></contributors>")
        if st["authors"]:
            x.append(w("auth-address", st["authors"][0][3]))
        # Title: Dutch studies carry the Dutch title or the English one tagged [Dutch]; some in Title Case.
        title = st["title"]
        if st["lang"] == "dut" and st.get("nl"):
            if r.random() < 0.5:
                title = st["nl"]
                variants.append("title-in-dutch")
            else:
                title = f"{title} [Dutch]"
                variants.append("language-tag-in-title")
        elif st["lang"] != "eng" and st.get("nl"):
            title = st["nl"]
            variants.append("title-original-language")
        roll = r.random()
        if roll < 0.25 and st["lang"] == "eng":
            title = title_case(title)
            variants.append("title-case")
        elif roll > 0.85 and not title.endswith((".", "?")):
            title += "."
            variants.append("trailing-period")
        x.append("<titles><title>" + styled_runs(title) + "</title>")
        if "<i>" in title:
            variants.append("mixed-style-title")
        abbrev_only = r.random() < 0.35
        if abbrev_only:
            variants.append("journal-abbreviation")
        x.append(w("secondary-title", jabbr if abbrev_only else jfull) + w("alt-title", jabbr) + "</titles>")
        x.append("<periodical>" + w("full-title", jabbr if abbrev_only else jfull) + w("abbr-1", jabbr) + "</periodical>")
        first, last = st["pages"]
        pages = first if not last else (medline_pages(first, last) if r.random() < 0.25 else f"{first}-{last}")
        if pages != f"{first}-{last}" and last:
            variants.append("pages-abbreviated")
        x.append(w("pages", pages) + w("volume", st["volume"]) + w("number", st["issue"]))
        x.append("<keywords>" + "".join(w("keyword", k) for k in cinahl_headings(st)) + "</keywords>")
        x.append("<dates>" + w("year", st["year"]) + "<pub-dates>" + w("date", MONTHS[st["month"] - 1]) + "</pub-dates></dates>")
        x.append(w("isbn", JOURNAL_ISSN[st["jrn"]]) + w("accession-num", an))
        sections = abstract_sections(st)
        abstract = (st["nlab"].format(**st["nums"]) if st["lang"] == "dut" and st.get("nlab") else
                    flat_abstract(sections, "upper" if r.random() < 0.4 else "none"))
        if abstract and r.random() < 0.15:
            abstract = ""
            variants.append("abstract-missing")
        if abstract:
            x.append(w("abstract", abstract))
        x.append(w("work-type", PUBTYPE_CINAHL[st["ptype"]]))
        x.append("<urls><related-urls>" + w("url", f"https://search.ebscohost.com/login.aspx?direct=true&db=ccm&AN={an}&site=ehost-live") + "</related-urls></urls>")
        if st["doi"] and r.random() < 0.9:
            doi = st["doi"].upper() if r.random() < 0.2 else st["doi"]
            if doi != st["doi"]:
                variants.append("doi-upper-case")
            x.append(w("electronic-resource-num", doi))
        elif st["doi"]:
            variants.append("doi-missing")
        x.append(w("remote-database-name", "CINAHL") + w("remote-database-provider", "EBSCOhost") + w("language", LANG_NAME[st["lang"]]))
        x.append("</record>")
        parts.append("".join(x))
        rows.append((st["sid"], an, variants))
    parts.append("</records></xml>")
    return "".join(parts), rows


def styled_runs(title):
    """EndNote style runs: normal text with an italic run where the title has <i>…</i>."""
    runs = []
    for piece in re.split(r"(<i>.*?</i>)", title):
        if not piece:
            continue
        face = "italic" if piece.startswith("<i>") else "normal"
        runs.append(f'<style face="{face}" font="default" size="100%">{escape(strip_tags(piece))}</style>')
    return "".join(runs)


def cinahl_headings(st):
    heads = list(CONDITIONS[st["cond"]][3]) + ["Family Practice", "Human"]
    if st["iv"] != "none":
        heads.append(INTERVENTIONS[st["iv"]][3].title())
    if st.get("aff", "nl") == "nl":
        heads.append("Netherlands")
    return heads


# ---------------------------------------------------------------------------------------------


def truth(rows_by_file):
    records = []
    for code in CODES:
        for pos, (sid, source_id, variants) in enumerate(rows_by_file[code], 1):
            records.append(dict(file=FILES[code], position=pos, sourceId=source_id, study=sid, variants=variants))
    studies = []
    for st in STUDIES:
        outs = [dict(domain=OUTCOMES[d], direction=DIRECTIONS[v]) for d, v in (p.split("=") for p in st.get("out", "").split())]
        also = ["E7"] if st["crit"] == "E3" else []
        studies.append(dict(study=st["sid"], expected=st["crit"], alsoFails=also, traps=[st["trap"]] if st.get("trap") else [],
                            files=[FILES[c] for c in st["files"]], title=strip_tags(st["title"]), year=st["year"],
                            language=LANG_NAME[st["lang"]], publicationType=st["ptype"], design=st["design"],
                            condition=CONDITIONS[st["cond"]][0], intervention=INTERVENTIONS[st["iv"]][0] if st["iv"] != "none" else None,
                            outcomes=outs, registration=st.get("reg") or REGISTERED.get(st["sid"], {}).get("reg"),
                            status=st.get("status") or REGISTERED.get(st["sid"], {}).get("status"), doi=st["doi"], note=st.get("note")))
    traps = [dict(trap=name, description=desc, studies=[s["sid"] for s in STUDIES if s.get("trap") == name]) for name, desc in TRAPS.items()]
    eligible = [s for s in STUDIES if s["crit"] is None and s["ptype"] not in ("protocol", "registration")]
    rows = sorted({INTERVENTIONS[s["iv"]][0] for s in eligible})
    filled = {(INTERVENTIONS[s["iv"]][0], OUTCOMES[p.split("=")[0]]) for s in eligible for p in s.get("out", "").split()}
    gaps = [dict(intervention=i, domain=d) for i in rows for d in OUTCOMES.values() if (i, d) not in filled]
    return dict(about="FICTIONAL demo corpus for scoping: no real studies, journals, authors or identifiers.",
                generator="Scripts/make-demo-corpus.py", seed=SEED, criteria=CRITERIA,
                expectedRule="expected is the first criterion in id order that excludes the study (null: eligible); alsoFails lists later ones",
                files=[dict(file=FILES[c], records=len(rows_by_file[c])) for c in CODES],
                records=records, studies=studies, traps=traps, gaps=gaps)


def add_repeats():
    """The update repeats PubMed records of 2024 on (same PMIDs; its window overlaps the first
    search) and finds in PubMed studies of 2023 on that only Embase or CINAHL had (duplicates
    across databases); citation searching finds two included studies again."""
    old = [st for st in STUDIES if set(st["files"]) & set("PEC")]
    for st in old:
        if "P" in st["files"] and st["year"] >= 2024 or "P" not in st["files"] and st["year"] >= 2023 and st["doi"]:
            st["files"] += "U"
    for sid in ("S001", "S006"):
        next(st for st in STUDIES if st["sid"] == sid)["files"] += "R"
    for sid in REGISTERED:
        next(st for st in STUDIES if st["sid"] == sid)["files"] += "T"


def main():
    derive()
    add_repeats()
    copies = {c: [s for s in STUDIES if c in s["files"]] for c in CODES}
    pubmed, prow = write_pubmed(copies["P"])
    pmids = {sid: src for sid, src, _ in prow}
    embase, erow = write_embase(copies["E"], pmids)
    cinahl, crow = write_cinahl(copies["C"])
    update, urow = write_pubmed(copies["U"], known=pmids)
    citations, rrow = write_citation_ris(copies["R"])
    register, trow = write_clinicaltrials(copies["T"])
    CORPUS.mkdir(exist_ok=True)
    (ROOT / FILES["P"]).write_text(pubmed, encoding="utf-8")
    (ROOT / FILES["E"]).write_bytes(embase.encode("utf-8"))
    (ROOT / FILES["C"]).write_text(cinahl, encoding="utf-8")
    (ROOT / FILES["U"]).write_text(update, encoding="utf-8")
    (ROOT / FILES["R"]).write_text(citations, encoding="utf-8")
    (ROOT / FILES["T"]).write_text(register, encoding="utf-8")
    t = truth({"P": prow, "E": erow, "C": crow, "U": urow, "R": rrow, "T": trow})
    (ROOT / "Scripts/demo-corpus-truth.json").write_text(json.dumps(t, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    multi = [s for s in STUDIES if len(s["files"]) > 1]
    counts = {c: sum(1 for s in STUDIES if s["crit"] == c) for c in [None, *CRITERIA]}
    print(f"records: pubmed {len(prow)}, embase {len(erow)}, cinahl {len(crow)}, total {len(prow) + len(erow) + len(crow)}")
    known = sum(1 for sid, _, _ in urow if set(next(s for s in STUDIES if s["sid"] == sid)["files"]) & set("PEC"))
    print(f"update: pubmed {len(urow)} records, {known} of studies found before, {len(urow) - known} new; "
          f"citation searching: {len(rrow)} records; ClinicalTrials.gov: {len(trow)} registrations")
    print(f"studies: {len(STUDIES)}, in 2+ files {len(multi)} ({100 * len(multi) / len(STUDIES):.0f}%), in 3 files {sum(len(s['files']) == 3 for s in STUDIES)}")
    print("expected:", ", ".join(f"{k or 'eligible'} {v}" for k, v in counts.items()))
    print(f"gaps: {len(t['gaps'])} empty intervention x domain cells")


if __name__ == "__main__":
    main()
