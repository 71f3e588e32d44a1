import Bibliography
import Protocol
import Synthesis
import Testing

/// The flow's boxes follow the protocol's source kind: a register's records count as "records
/// identified from registers", whatever the format of its export.
@Suite struct SourceKindFlowTests {
    @Test func aRegisterSourceFillsTheRegistersBox() throws {
        var input = Fixture.input
        input.reviewProtocol.sources[1].kind = .register
        let c = PrismaCounts.make(from: input)
        let plain = PrismaCounts.make(from: Fixture.input)
        #expect(c.perDatabase.map(\.id) == ["pubmed"])
        #expect(c.perRegister.map(\.id) == ["embase"])
        #expect(c.identified == plain.identified)
        #expect(c.databaseRecords + c.registerRecords == c.identified)
        #expect(c.isConsistent, "\(c.problems)")
        let embase = try #require(c.perRegister.first?.n)
        let csv = PrismaFlow.csv(c)
        #expect(
            csv.contains("\nregister_results,NA,box2,Records identified from: Registers,Registers,NA,NA,\(embase)\n"))
        #expect(csv.contains(",database_results.html,\"Embase, \(embase)\"\n"))
        #expect(csv.contains(",database_results.html,\(c.databaseRecords)\n"))
        let svg = PrismaFlow.svg(c, language: .en)
        #expect(svg.contains("Records identified from databases and registers (n\u{A0}=\u{A0}\(c.identified)):"))
        #expect(svg.contains("Registers (n\u{A0}=\u{A0}\(embase)): Embase \(embase)"))
        // Without a register, the box reads as before.
        #expect(PrismaFlow.svg(plain, language: .en).contains("Records identified from databases (n\u{A0}=\u{A0}18):"))
        #expect(PrismaFlow.csv(plain).contains("Register 1, xxx; Register 2, xxx; Register 3, xxx"))
    }

    @Test func otherMethodsWithoutTheirFiguresStayOutOfTheFlow() {
        // A source of another kind whose records nobody imported: no second column.
        var input = Fixture.input
        input.reviewProtocol.sources[1].kind = .experts
        input.imports.removeAll { $0.database == "embase" }
        let c = PrismaCounts.make(from: input)
        #expect(c.otherMethods == nil)
        #expect(!PrismaFlow.mermaid(c, language: .en).contains("oidentified"))
    }
}
