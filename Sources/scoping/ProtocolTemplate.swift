/// The protocol a new review starts from.
enum ProtocolTemplate {
    static let text = """
        version: 1
        review:
          title: "TODO: the review's title"
          language: en

        """
}
