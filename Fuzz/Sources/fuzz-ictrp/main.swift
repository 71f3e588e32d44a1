import FuzzSupport

runFuzzer(.ictrpXML)
