import QariCore
@testable import QariTUI

/// A small corpus built in memory: three English articles and one Arabic one, with the
/// coalition story the seeds tell, so the browser's paths can be tested without files.
enum FixtureCorpus {
    static let entities: [BrowserEntity] = [
        BrowserEntity(id: "fa_ithbatu", category: .faction, kind: "coalition", name: "Fa Ithbatu",
                      arabicName: "فاثبتوا", aliases: ["Fa Ithbatu", "Fa Ithbatu operations room"]),
        BrowserEntity(id: "hurras_al_din", category: .faction, kind: "jihadist group", name: "Hurras al-Din",
                      arabicName: "حراس الدين", aliases: ["Horas al-Din", "Hurras al-Din"]),
        BrowserEntity(id: "hts", category: .faction, kind: "jihadist coalition", name: "Hayat Tahrir al-Sham",
                      arabicName: "هيئة تحرير الشام", aliases: ["HTS", "Tahrir al-Sham"]),
        BrowserEntity(id: "al_nusra", category: .faction, kind: "jihadist group", name: "al-Nusra Front",
                      arabicName: "جبهة النصرة", aliases: ["Jabhat al-Nusra", "al-Nusra Front"]),
        BrowserEntity(id: "turkey", category: .stateActor, name: "Turkey", arabicName: "تركيا", aliases: ["Turkey"]),
        BrowserEntity(id: "idlib", category: .place, name: "Idlib", arabicName: "إدلب", aliases: ["Idlib"]),
        BrowserEntity(id: "jolani", category: .person, name: "Abu Mohammad al-Jolani",
                      arabicName: "أبو محمد الجولاني", aliases: ["al-Jolani", "Jolani"]),
    ]

    static let links: [EntityLink] = [
        EntityLink(subject: "hurras_al_din", kind: .memberOf, object: "fa_ithbatu"),
        EntityLink(subject: "hts", kind: .fights, object: "fa_ithbatu"),
        EntityLink(subject: "hts", kind: .formerlyKnownAs, object: "al_nusra"),
        EntityLink(subject: "jolani", kind: .leaderOf, object: "hts"),
        EntityLink(subject: "hts", kind: .backedBy, object: "turkey"),
    ]

    static func article(_ n: Int, title: String, date: String?, source: String?, lang: Language,
                        paragraphs: [String]) -> Article {
        Article(id: "a\(n)", file: "fixture_\(n).txt", title: title, source: source, publisher: nil, author: nil,
                date: date, lang: lang, firstLine: 1, lastLine: 10, blockFirstLine: 1, blockLastLine: 10,
                paragraphs: paragraphs.enumerated().map {
                    Paragraph(text: $0.element, lang: lang == .ar ? .ar : .en,
                              direction: lang == .ar ? .rtl : .ltr, line: 3 + 2 * $0.offset)
                },
                boilerplate: [])
    }

    static let articles: [Article] = [
        article(0, title: "Al-Qaeda Factions Create New Coalition in Idlib", date: "2020-06-16", source: "South Front",
                lang: .en, paragraphs: [
                    "Several al-Qaeda-linked groups in Idlib, among them Horas al-Din, formed a new coalition dubbed Fa Ithbatu.",
                    "The coalition is an expanded variant of an earlier operations room. Hayat Tahrir al-Sham was not part of it.",
                    "Observers expect Fa Ithbatu to act against government forces soon, while Turkey watches from its posts.",
                ]),
        article(1, title: "Infighting Among Idlib Radicals Resumes", date: nil, source: "South Front", lang: .en,
                paragraphs: [
                    "Fighting broke out between Hayat Tahrir al-Sham and Fa Ithbatu near Idlib.",
                    "Hayat Tahrir al-Sham, formerly al-Nusra Front, is led by Abu Mohammad al-Jolani.",
                ]),
        article(2, title: "Turkey Builds More Posts", date: "2020-03-01", source: "Al-Masdar News", lang: .en,
                paragraphs: ["Turkey built new observation posts in Idlib this week."]),
        article(3, title: "هيئة تحرير الشام تهاجم فاثبتوا في إدلب", date: "2020-06-25", source: "الميادين", lang: .ar,
                paragraphs: ["اندلعت اشتباكات بين هيئة تحرير الشام وفاثبتوا في ريف إدلب الجنوبي."]),
    ]

    static func corpus(problems: [CorpusProblem] = [], articles: [Article] = articles) -> BrowserCorpus {
        BrowserCorpus(name: "fixture", articles: articles, mentions: articles.map(mentions(in:)),
                      entities: entities, links: links, problems: problems)
    }

    /// Exact, longest-first matching of the fixture spellings; the real corpus uses the core's matcher.
    static func mentions(in article: Article) -> ArticleMentions {
        ArticleMentions(title: spans(in: article.title), paragraphs: article.paragraphs.map { spans(in: $0.text) })
    }

    static func spans(in text: String) -> [EntityMentionSpan] {
        let scalars = Array(text.unicodeScalars)
        var spellings: [(String, [Unicode.Scalar])] = []
        for e in entities { for s in e.spellings { spellings.append((e.id, Array(s.unicodeScalars))) } }
        spellings.sort { $0.1.count > $1.1.count }
        var taken = [Bool](repeating: false, count: scalars.count)
        var out: [EntityMentionSpan] = []
        for (id, s) in spellings where !s.isEmpty && s.count <= scalars.count {
            var i = 0
            while i <= scalars.count - s.count {
                if Array(scalars[i..<(i + s.count)]) == s && !taken[i..<(i + s.count)].contains(true) {
                    out.append(EntityMentionSpan(entityID: id, range: i..<(i + s.count)))
                    for k in i..<(i + s.count) { taken[k] = true }
                    i += s.count
                } else { i += 1 }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
