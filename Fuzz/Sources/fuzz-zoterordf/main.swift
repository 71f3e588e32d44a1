import FuzzSupport

runFuzzer(.zoteroRDF)
