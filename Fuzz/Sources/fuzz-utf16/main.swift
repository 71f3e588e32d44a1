import FuzzSupport

runTranscoderFuzzer()
