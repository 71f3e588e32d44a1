import FuzzSupport

runFuzzer(.pubmedXML)
