/// The name of one lexicon entry across tables and counts: `frame/category/form`. Coverage,
/// lint, validation and evidence all key entries this way, so they must agree on it.
public enum EntryKey {
    /// `frame/category/form`.
    public static func of(frame: String, category: String, form: String) -> String { frame + "/" + category + "/" + form }
}
