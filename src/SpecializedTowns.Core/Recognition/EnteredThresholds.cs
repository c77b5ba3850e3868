using System.Globalization;
using System.Text.RegularExpressions;
using SpecializedTowns.Core.Documents;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// The numbers an office enters for what its standard's text leaves unset (decision 0021): which criteria take one, what may be
/// entered, and the standard as it is applied once they are (the pack with the numbers filled in).
/// </summary>
public static partial class EnteredThresholds
{
    /// <summary>A place a number can be entered: a threshold (and, per category, a category) the pack names without a number.</summary>
    public sealed record Slot(Criterion Criterion, string? Category)
    {
        public string Title => Category is null ? Criterion.Title : $"{Criterion.Title}（{IndustryCategories.NameOf(Category)}类）";
    }

    /// <summary>Every number the pack leaves for the office, in the pack's order.</summary>
    public static IReadOnlyList<Slot> Slots(RecognitionStandard pack) => pack.Criteria
        .Where(c => c.Kind == "threshold")
        .SelectMany(c => c.ByCategory is null
            ? c.Value is null ? [new Slot(c, null)] : Array.Empty<Slot>()
            : c.ByCategory.Where(p => p.Value is null).Select(p => new Slot(c, p.Key)))
        .ToList();

    /// <summary>
    /// Why a number cannot be entered here, by form field (“CriterionKey”, “Value”, “Source”); empty when it can. The text's own
    /// number is never overridden: the policy document, not the platform, sets it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Problems(RecognitionStandard pack, SourceRules sources, string? criterionKey, string? category, decimal? value, string? source)
    {
        var problems = new Dictionary<string, string>();
        // An empty form said nothing at all (qa110 6): it is one message, not a refusal of a criterion nobody chose.
        if (value is null && string.IsNullOrWhiteSpace(source))
            return new Dictionary<string, string> { [""] = "没有填写任何数值：请在要录入的条件一行填写数值和出处（文号及条款），再点“录入”" };
        var criterion = pack.Criteria.FirstOrDefault(c => c.Key == criterionKey);
        if (criterion is null)
            problems["CriterionKey"] = $"{pack.Name}没有这项条件";
        else if (criterion.Kind != "threshold")
            problems["CriterionKey"] = $"“{criterion.Title}”不是数值条件，由专家按文本评审，不录入数值";
        else if (criterion.ByCategory is null && criterion.Value is { } given)
            problems["CriterionKey"] = $"“{criterion.Title}”的数值由政策文本规定（{Quantity.Exact(given, criterion.Unit)}，{pack.Cite(criterion.Source)}），不能在平台上改动";
        else if (criterion.ByCategory is not null && string.IsNullOrEmpty(category))
            problems["Category"] = $"“{criterion.Title}”按产业类别规定，请选择类别";
        else if (criterion.ByCategory is not null && !criterion.ByCategory.ContainsKey(category!))
            problems["Category"] = $"{pack.Name}未对{IndustryCategories.NameOf(category!)}类规定“{criterion.Title}”，不能录入";
        else if (criterion.ByCategory is not null && criterion.ByCategory[category!] is { } byText)
            problems["CriterionKey"] = $"{IndustryCategories.NameOf(category!)}类“{criterion.Title}”的数值由政策文本规定（{Quantity.Exact(byText, criterion.Unit)}，{pack.Cite(criterion.Source)}），不能在平台上改动";
        else if (criterion.ByCategory is null && !string.IsNullOrEmpty(category))
            problems["Category"] = $"“{criterion.Title}”不分产业类别，不能按类别录入";

        if (value is null) problems["Value"] = "请填写数值";
        else if (value <= 0) problems["Value"] = "数值应大于 0";
        else if (criterion?.Unit == "%" && value > 100) problems["Value"] = "百分比不能超过 100";
        else if (value > 100_000_000m) problems["Value"] = "数值过大，请核对单位";
        else if (decimal.Round(value.Value, 4) != value) problems["Value"] = "数值最多保留 4 位小数";
        else if (criterion?.Unit is "家" or "人" or "个" && value != decimal.Truncate(value.Value)) problems["Value"] = $"“{criterion.Title}”以{criterion.Unit}计，应为整数";

        if (string.IsNullOrWhiteSpace(source)) problems["Source"] = "请填写出处（文号及条款），说明数值的依据";
        else if (source.Trim().Length > ThresholdValue.MaxSource) problems["Source"] = $"出处不能超过 {ThresholdValue.MaxSource} 个字";
        else if (SourceProblem(source, sources) is { } sourceProblem) problems["Source"] = sourceProblem;
        return problems;
    }

    // A 文号 anywhere in the 出处, whatever brackets were typed, so that DocumentNumber.Check can say what is wrong with it.
    [GeneratedRegex(@"[\u4e00-\u9fff]+\s*[〔\[【(（［]\s*[0-9０-９]+\s*[〕\]】)）］]\s*第?\s*[0-9０-９]+\s*号?")]
    private static partial Regex NumberIn();

    [GeneratedRegex(@"《(?<title>[^《》]*)》")]
    private static partial Regex TitleIn();

    // What follows the document names its clause: a numbered part (三（一）, 第五条, 附件1, 2.3), not any words at all —
    // "晋政办发〔2022〕80号 随便写的条款" was taken as a clause (qa120 4).
    [GeneratedRegex(@"^(第\s*[一二三四五六七八九十百零〇0-9]+\s*[条款项章节部分点]|附件\s*[0-9一二三四五六七八九十]*|[一二三四五六七八九十百]+\s*[、，,（(．.]|[一二三四五六七八九十百]+$|[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]|[0-9]+)")]
    private static partial Regex ClauseStart();

    /// <summary>
    /// What an 出处 may cite for a standard (qa120 4): the standard's own document, or one of the same or a higher level —
    /// its own place's or a place above it, told by the 文号's 发文机关代字. Known documents are the policy packs'.
    /// </summary>
    /// <param name="OwnPlaces">Short names (代字 beginnings) of the standard's place and the places above it: 晋 for 山西省.</param>
    /// <param name="Places">Every place's short name with its name (晋中 → 晋中市), to tell 晋中政办发 from 晋政办发.</param>
    public sealed record SourceRules(string? OwnNumber, string OwnTitle, IReadOnlyCollection<string> OwnPlaces,
        IReadOnlyDictionary<string, string> Places, IReadOnlyList<(string? Number, string Title, string Jurisdiction)> Documents, int ThisYear);

    /// <summary>
    /// The <see cref="SourceRules"/> for <paramref name="pack"/>: its place and those above it (and 国, the State Council's),
    /// every place's short name, and the packs' documents.
    /// </summary>
    public static SourceRules RulesFor(PolicyCatalog catalog, RecognitionStandard pack, PlaceShortNames names, int thisYear)
    {
        var own = new List<string> { "国" };
        for (var p = catalog.AreaOf(pack); p.Length > 0; p = p.Contains('/') ? p[..p.LastIndexOf('/')] : "") own.Add(names.For(p));
        var places = names.ByPath.GroupBy(kv => kv.Value)
            .ToDictionary(g => g.Key, g => g.First().Key[(g.First().Key.LastIndexOf('/') + 1)..], StringComparer.Ordinal);
        var document = catalog.FindPack(pack.PackId)?.Document;
        return new SourceRules(pack.DocumentNumber, document?.Title ?? pack.Name, own, places,
            catalog.Packs.Select(x => (x.Document.Number, x.Document.Title, x.Document.Jurisdiction)).ToList(), thisYear);
    }

    /// <summary>
    /// Why an 出处 does not name the document a number comes from (null when it does). It must hold the standard's own document
    /// — its 文号 (checked by <see cref="DocumentNumber.Check"/>) or, for a document issued without one (永济's 行动计划), its
    /// 《title》 as the pack gives it — or the 文号 of another document of the same or a higher place, of a year not after this
    /// one, and may add the clause. "随便写的", "《随便写的》", a 2099 year and 阳泉's 文号 for the province's number were all
    /// taken and shown to applicants as the basis (qa110 6, qa120 4).
    /// </summary>
    public static string? SourceProblem(string source, SourceRules rules)
    {
        var own = rules.OwnNumber is null ? $"《{rules.OwnTitle}》" : rules.OwnNumber;
        var accepted = $"出处应为本标准的文件（{own}）或同级、上级文件的文号";
        var text = NumberText.Digits(source);
        var match = NumberIn().Match(text);
        if (!match.Success)
        {
            if (TitleIn().Match(text) is not { Success: true } title)
                return rules.OwnNumber is null
                    ? $"出处应写明《文件名称》或文号，可再加条款，如“{own} 三（一）”"
                    : $"出处应写明文号，可再加条款，如“{own} 三（一）”";
            var cited = title.Groups["title"].Value.Trim();
            if (rules.OwnNumber is null && IsTitleOf(cited, rules.OwnTitle))
                return ClauseProblem(text[(title.Index + title.Length)..]);
            if (rules.Documents.FirstOrDefault(d => IsTitleOf(cited, d.Title)) is { Number: { } number })
                return $"《{cited}》有文号，出处请写明文号（{number}），可再加条款";
            return $"“《{cited}》”不是已知的政策文件名称；{accepted}" + (rules.OwnNumber is null ? $"，无文号的文件请照录其名称" : "");
        }

        var written = match.Value.Trim();
        if (DocumentNumber.Check(written, out var parsed) is { } problem) return $"出处中的{problem}";
        if (parsed!.Year > rules.ThisYear) return $"出处中的文号“{parsed}”年份为 {parsed.Year} 年，晚于今年（{rules.ThisYear}年），请核对";
        var numberText = parsed.ToString();
        if (numberText != rules.OwnNumber && PlaceOf(parsed.Agency, rules) is var place && (place is null || !rules.OwnPlaces.Contains(place)))
        {
            if (rules.Documents.Where(d => d.Number == numberText).Select(d => ((string Title, string Jurisdiction)?)(d.Title, d.Jurisdiction)).FirstOrDefault() is { } known)
                return $"{accepted}；“{numberText}”是{known.Jurisdiction}的文件（《{known.Title}》），不是本级或上级文件";
            return place is not null && rules.Places.TryGetValue(place, out var name)
                ? $"{accepted}；“{numberText}”是{name}的文号，不是本级或上级文件"
                : $"{accepted}；看不出“{numberText}”是本级或上级的文件";
        }
        return ClauseProblem(text[(match.Index + match.Length)..]);
    }

    // The place whose short name the 代字 begins with, the longest that fits (晋中 before 晋); 国 for the State Council's.
    private static string? PlaceOf(string agency, SourceRules rules) =>
        rules.Places.Keys.Concat(rules.OwnPlaces).Where(p => agency.StartsWith(p, StringComparison.Ordinal)).MaxBy(p => p.Length);

    // The pack's full title, or the short one its own sources use (without （征求意见稿）).
    private static bool IsTitleOf(string cited, string title) =>
        cited.Length > 0 && (cited == title || (title.StartsWith(cited, StringComparison.Ordinal) && title[cited.Length..] == "（征求意见稿）"));

    private static string? ClauseProblem(string rest)
    {
        var clause = rest.TrimStart(' ', '\t', '　', '）', ')', '》', '，', ',', '、', '：', ':', '；', ';');
        return clause.Length == 0 || ClauseStart().IsMatch(clause)
            ? null
            : $"文号之后应写条款，如“三（一）”“第五条”或“附件1 二（一）”；“{clause}”不是条款，不写条款可留空";
    }

    /// <summary>
    /// The number as typed: thousands separators and full-width digits are read; “%” only for a criterion counted in %, since
    /// "30%" for 带动就业 (人) was saved as 30 人 (qa110 6). Null with no problem for a blank box.
    /// </summary>
    public static string? ReadValue(string? typed, Criterion? criterion, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var text = NumberText.Narrow(typed).Replace(",", "");
        if (text.EndsWith('%'))
        {
            if (criterion is not null && criterion.Unit != "%")
                return $"“{criterion.Title}”以{criterion.Unit}计，不是百分比，请去掉“%”后填写{criterion.Unit}数";
            text = text.TrimEnd('%').TrimEnd();
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            return "数值应为数字，如 2、30 或 500000";
        value = v;
        return null;
    }

    /// <summary>
    /// The standard as applied: <paramref name="pack"/> with the current entered numbers in the places it leaves unset. A number
    /// for a place the pack fills (a pack edited since) is ignored: the text wins. The pack itself is left as read.
    /// </summary>
    public static RecognitionStandard Apply(RecognitionStandard pack, IEnumerable<ThresholdValue> current)
    {
        var mine = current.Where(v => v.StandardId == pack.Id).ToList();
        if (mine.Count == 0) return pack;
        var criteria = pack.Criteria.Select(c => Fill(c, mine.Where(v => v.CriterionKey == c.Key).ToList())).ToList();
        return new RecognitionStandard
        {
            Line = pack.Line, Id = pack.Id, Name = pack.Name, Tier = pack.Tier, Applicant = pack.Applicant, ApplicantText = pack.ApplicantText,
            Cycle = pack.Cycle, Source = pack.Source, Criteria = criteria, PriorityFactors = pack.PriorityFactors,
            PackId = pack.PackId, DocumentNumber = pack.DocumentNumber, Jurisdiction = pack.Jurisdiction, PackFile = pack.PackFile,
        };
    }

    private static Criterion Fill(Criterion c, List<ThresholdValue> values)
    {
        if (c.Kind != "threshold" || values.Count == 0) return c;
        decimal? value = c.Value;
        Dictionary<string, decimal?>? byCategory = c.ByCategory is null ? null : new(c.ByCategory);
        var entered = new Dictionary<string, ThresholdValue>();
        // The latest first: two offices saving at once may each leave a current row, and the later one is the number.
        foreach (var v in values.OrderByDescending(v => v.Id))
        {
            if (byCategory is null && v.Category is null && value is null) { value = v.Value; entered[""] = v; }
            else if (byCategory is not null && v.Category is { } cat && byCategory.TryGetValue(cat, out var had) && had is null) { byCategory[cat] = v.Value; entered[cat] = v; }
        }
        if (entered.Count == 0) return c;
        return new Criterion
        {
            Line = c.Line, Key = c.Key, Kind = c.Kind, Title = c.Title, Categories = c.Categories, Fact = c.Fact, Reading = c.Reading,
            Value = value, ByCategory = byCategory, Unit = c.Unit, Relaxation = c.Relaxation, OrClaim = c.OrClaim, Text = c.Text,
            Source = c.Source, Entered = entered,
        };
    }

    /// <summary>How a 预检 names an entered number's origin, after what it concluded.</summary>
    public static string Origin(ThresholdValue v) =>
        $"（数值标准{Quantity.Exact(v.Value, v.Unit)}由办公室录入，出处：{v.Source}）";

    /// <summary>A number that counts now but did not when the experts scored: entered since (<see cref="Then"/> null) or replaced since.</summary>
    public sealed record Since(Slot Slot, ThresholdValue? Then, ThresholdValue Now);

    /// <summary>
    /// The numbers of <paramref name="pack"/> for an application of <paramref name="category"/> entered after <paramref name="at"/>
    /// (when the experts scored), with the one in force then, from every row entered (<paramref name="history"/>, superseded ones
    /// too). The panel's conclusion stays as recorded; the page says which number the experts had before them (decision 0021).
    /// </summary>
    public static IReadOnlyList<Since> EnteredSince(RecognitionStandard pack, IEnumerable<ThresholdValue> history, DateTime at, string? category)
    {
        var rows = history.Where(v => v.StandardId == pack.Id).ToList();
        var changed = new List<Since>();
        foreach (var slot in Slots(pack))
        {
            if (slot.Category is not null && slot.Category != category) continue;
            var mine = rows.Where(v => v.CriterionKey == slot.Criterion.Key && v.Category == slot.Category).ToList();
            if (mine.Where(v => v.SupersededAtUtc is null).MaxBy(v => v.Id) is not { } now || now.EnteredAtUtc <= at) continue;
            var then = mine.Where(v => v.EnteredAtUtc <= at && (v.SupersededAtUtc is null || v.SupersededAtUtc > at)).MaxBy(v => v.Id);
            changed.Add(new Since(slot, then, now));
        }
        return changed;
    }

    /// <summary>The number as a page shows it: 2家、50亿元、30%.</summary>
    public static string Show(decimal value, string unit) => Quantity.Exact(value, unit);
}
