/// The named rules of main-text extraction, kept as data so tests can list them and the
/// documentation can cite them.
public enum ExtractionRules {
    /// Elements never part of the main text.
    public static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea",
        "menu", "dialog", "head",
    ]

    /// Elements that start and end a block of text.
    public static let blockElements: [String: Block.Kind] = [
        "p": .paragraph, "div": .paragraph, "section": .paragraph, "article": .paragraph,
        "main": .paragraph, "blockquote": .paragraph, "pre": .paragraph, "address": .paragraph,
        "figcaption": .paragraph, "dd": .paragraph, "dt": .paragraph, "center": .paragraph,
        "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading, "h6": .heading,
        "li": .listItem, "tr": .tableRow, "br": .paragraph, "hr": .paragraph, "table": .paragraph,
        "ul": .paragraph, "ol": .paragraph, "dl": .paragraph, "body": .paragraph,
    ]

    /// Class or id fragments that mark navigation and boilerplate containers.
    public static let boilerplateMarkers: [String] = [
        "nav", "menu", "breadcrumb", "footer", "header", "sidebar", "share", "social", "cookie",
        "banner", "advert", "related", "comment", "subscribe", "newsletter", "pagination", "skip-link",
        "toolbar", "copyright",
    ]

    /// Elements that mark where the main content is, in order of preference.
    public static let mainContainers: [String] = ["article", "main"]

    /// Meta tags that carry a publication date, in order of trust.
    public static let dateMeta: [String] = [
        "article:published_time", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date",
        "citation_publication_date", "pubdate", "publishdate", "date", "firstpublishedtime",
        "og:published_time",
    ]

    /// Meta tags that carry a title, in order of trust.
    public static let titleMeta: [String] = ["og:title", "dc.title", "citation_title", "articletitle"]

    /// Meta tags that carry the issuing body.
    public static let issuerMeta: [String] = ["dc.publisher", "dc.creator", "author", "og:site_name", "contentsource"]

    /// Whether a class or id value marks boilerplate.
    static func isBoilerplate(_ classOrID: String) -> Bool {
        let v = classOrID.lowercased()
        return boilerplateMarkers.contains { marker in
            v.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).contains { $0.hasPrefix(marker) }
                || v.contains("-\(marker)") || v.contains("\(marker)-")
        }
    }
}
