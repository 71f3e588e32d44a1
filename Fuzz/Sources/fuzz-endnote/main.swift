import FuzzSupport

runFuzzer(.endnoteXML)
