import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

/// Parses an SVG as XML and checks that every shape and text anchor lies inside the view box.
func checkSVG(_ svg: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let document = try XMLDocument(xmlString: svg, options: [])
    guard let root = document.rootElement(), root.name == "svg" else {
        Issue.record("the root element is not <svg>", sourceLocation: sourceLocation)
        return
    }
    let viewBox = root.attributes?.first { $0.name == "viewBox" || $0.localName == "viewBox" }?.stringValue
    let box = (viewBox ?? "").split(separator: " ").compactMap { Double($0) }
    try #require(box.count == 4, sourceLocation: sourceLocation)
    let (minX, minY, maxX, maxY) = (box[0], box[1], box[0] + box[2], box[1] + box[3])
    func inside(_ x: Double, _ y: Double, _ what: String) {
        if x < minX - 0.01 || y < minY - 0.01 || x > maxX + 0.01 || y > maxY + 0.01 {
            Issue.record("\(what) at (\(x), \(y)) lies outside the view box \(box)", sourceLocation: sourceLocation)
        }
    }
    func attribute(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }
    func number(_ e: XMLElement, _ name: String) -> Double { Double(attribute(e, name) ?? "") ?? 0 }
    var stack: [XMLElement] = [root]
    var shapes = 0
    while let element = stack.popLast() {
        stack += (element.children ?? []).compactMap { $0 as? XMLElement }
        if element.parent?.name == "pattern" { continue }
        switch element.name {
        case "rect":
            let x = number(element, "x")
            let y = number(element, "y")
            inside(x, y, "rect")
            inside(x + number(element, "width"), y + number(element, "height"), "rect")
            shapes += 1
        case "circle":
            let cx = number(element, "cx")
            let cy = number(element, "cy")
            let r = number(element, "r")
            inside(cx - r, cy - r, "circle")
            inside(cx + r, cy + r, "circle")
            shapes += 1
        case "line":
            inside(number(element, "x1"), number(element, "y1"), "line")
            inside(number(element, "x2"), number(element, "y2"), "line")
            shapes += 1
        case "polygon":
            for pair in (attribute(element, "points") ?? "").split(separator: " ") {
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                if xy.count == 2 { inside(xy[0], xy[1], "polygon") }
            }
            shapes += 1
        case "text":
            inside(number(element, "x"), number(element, "y"), "text '\(element.stringValue ?? "")'")
        default: break
        }
    }
    #expect(shapes > 0, sourceLocation: sourceLocation)
}
