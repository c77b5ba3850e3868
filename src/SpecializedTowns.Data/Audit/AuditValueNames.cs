using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// The names behind the ids an audit entry records for a reference (牵头单位 118 is 县农业农村局), read in one query per
/// kind for the entries of a page. An id whose record is gone stays a number, said as such.
/// </summary>
public sealed class AuditValueNames
{
    private enum Kind
    {
        Unit, Place, Town, Person, Enterprise, Role, Notice, Project, Task, TaskForce, Problem, Evaluation, Application, Report,
        Batch, TradeEvent, WhiteList, Listing, GeoIndication, Platform,
    }

    // The fields that hold the id of another record, by the kind of record (AuditNames says what each field is).
    private static readonly Dictionary<string, Kind> References = new()
    {
        ["UnitId"] = Kind.Unit, ["LeadUnitId"] = Kind.Unit, ["ResponsibleUnitId"] = Kind.Unit, ["RecipientUnitId"] = Kind.Unit, ["MergedUnitId"] = Kind.Unit,
        ["CountyId"] = Kind.Place, ["TownshipId"] = Kind.Place, ["JurisdictionId"] = Kind.Place, ["RecipientTownshipId"] = Kind.Place,
        ["RecipientAreaId"] = Kind.Place, ["IssuingJurisdictionId"] = Kind.Place,
        ["SpecializedTownId"] = Kind.Town, ["TownId"] = Kind.Town, ["RecipientTownId"] = Kind.Town,
        ["UserId"] = Kind.Person, ["ExpertUserId"] = Kind.Person, ["ReportedByUserId"] = Kind.Person, ["CreatedByUserId"] = Kind.Person,
        ["RaisedByUserId"] = Kind.Person, ["RequestedByUserId"] = Kind.Person, ["DecidedByUserId"] = Kind.Person,
        ["UploadedByUserId"] = Kind.Person, ["RecordedByUserId"] = Kind.Person,
        ["ProblemId"] = Kind.Problem, ["EvaluationId"] = Kind.Evaluation,
        ["EnterpriseId"] = Kind.Enterprise, ["OwnerEnterpriseId"] = Kind.Enterprise,
        ["RoleId"] = Kind.Role, ["NoticeId"] = Kind.Notice, ["ProjectId"] = Kind.Project, ["KeyProjectId"] = Kind.Project,
        ["TaskId"] = Kind.Task, ["TaskForceId"] = Kind.TaskForce, ["ApplicationId"] = Kind.Application,
        ["ReportId"] = Kind.Report,
        ["BatchId"] = Kind.Batch, ["TradeEventId"] = Kind.TradeEvent, ["WhiteListEntryId"] = Kind.WhiteList,
        ["ListingCandidateId"] = Kind.Listing, ["GeoIndicationApplicationId"] = Kind.GeoIndication, ["ServicePlatformId"] = Kind.Platform,
    };

    // Records by the field that refers to them. An entry about a record with no name of its own to record (an application is
    // its town's, a 专班 its town's) is named as that reference is, from the record as it is now; an entry about a part with
    // none (申报附件, 专家评分, 任务进展, 要素保障…) by the record it belongs to (AuditEntry.RootType), its kind beside it.
    private static readonly Dictionary<string, string> NamedAsReferenced = new()
    {
        ["RecognitionApplication"] = "ApplicationId", ["TaskForce"] = "TaskForceId", ["PlanTask"] = "TaskId", ["KeyProject"] = "ProjectId",
        ["Notice"] = "NoticeId", ["Problem"] = "ProblemId", ["AnnualEvaluation"] = "EvaluationId", ["Enterprise"] = "EnterpriseId",
        ["SpecializedTown"] = "TownId", ["Unit"] = "UnitId", ["Jurisdiction"] = "JurisdictionId", ["AppUser"] = "UserId",
        ["MonthlyReport"] = "ReportId",
        ["ProjectBatch"] = "BatchId", ["TradeEvent"] = "TradeEventId", ["WhiteListEntry"] = "WhiteListEntryId",
        ["ListingCandidate"] = "ListingCandidateId", ["GeoIndicationApplication"] = "GeoIndicationApplicationId", ["ServicePlatform"] = "ServicePlatformId",
    };

    // The pages of the records a value may refer to, so that the history links a 三个一批 or a 展会活动 to where it is shown.
    private static readonly Dictionary<Kind, Func<int, string>> Pages = new()
    {
        [Kind.Batch] = id => $"/Projects/Batches#batch-{id}",
        [Kind.TradeEvent] = id => $"/Support/Events/Detail/{id}",
        [Kind.Project] = id => $"/Projects/Detail/{id}",
        [Kind.WhiteList] = id => $"/Support/Finance/Detail/{id}",
        [Kind.Listing] = id => $"/Support/Listing/Detail/{id}",
        [Kind.GeoIndication] = id => $"/Support/Brands/GeoIndications/Detail/{id}",
        [Kind.Platform] = id => $"/Support/Platforms/Detail/{id}",
    };

    // The fields that hold a recognition standard's id (yuncheng-municipal): named by the standard's title.
    private static readonly HashSet<string> StandardFields = ["StandardId"];

    // The fields that hold a policy pack's id (yuanqu-2023-19): the pack is named by its document's 文号 and title.
    private static readonly HashSet<string> PolicyFields = ["PolicyId", "PolicyPackId", "PackId"];

    public static readonly AuditValueNames None = new(new Dictionary<(Kind, int), string>(), new Dictionary<string, string>(), null);

    private readonly IReadOnlyDictionary<(Kind, int), string> names;
    private readonly IReadOnlyDictionary<string, string> policies;
    private readonly PolicyCatalog? catalog;

    private AuditValueNames(IReadOnlyDictionary<(Kind, int), string> names, IReadOnlyDictionary<string, string> policies, PolicyCatalog? catalog) =>
        (this.names, this.policies, this.catalog) = (names, policies, catalog);

    /// <summary>
    /// The record an entry is about, as the list names it: its own name, or for a link without one (专业镇所含乡镇, 任务责任单位,
    /// whose key is the pair it links, “19,138”) the names of what it links, read from its own fields. Never the pair of
    /// numbers, which reads as one number with a thousands separator. A record or part with no name recorded is named by a
    /// reference (<see cref="NamedAsReferenced"/>: 认定申报 by its town and what it applies for, 申报附件 by its application).
    /// </summary>
    public string Label(AuditEntry entry)
    {
        if (OwnLabel(entry) is { } label) return label;
        var parts = entry.EntityId.Split(',');
        if (parts.Length < 2)
        {
            if (NamedBy(entry) is not (var field, var id) || !names.TryGetValue((References[field], id), out var name)) return "编号 " + entry.EntityId;
            // A part that is an enterprise's place in its record (参展企业) says which enterprise, as the record's page lists it.
            return entry.EntityType != entry.RootType && entry.RootType != "Enterprise"
                   && entry.ReadChanges().FirstOrDefault(c => c.Field == "EnterpriseId") is { } enterprise
                   && Named("EnterpriseId", enterprise.New ?? enterprise.Old) is { } who && !who.StartsWith("编号 ", StringComparison.Ordinal)
                ? $"{name} · {who}" : name;
        }
        var changes = entry.ReadChanges();
        var used = new HashSet<string>();
        var named = new List<string>();
        foreach (var part in parts)
        {
            var field = changes.FirstOrDefault(c => !used.Contains(c.Field) && References.ContainsKey(c.Field) && (c.New ?? c.Old) == part);
            if (field is null) break;
            used.Add(field.Field);
            named.Add(Show(field.Field, part)!);
        }
        return named.Count == parts.Length ? string.Join(" · ", named) : "编号 " + string.Join("、", parts);
    }

    /// <summary>The page of the record a value refers to (a 三个一批 by its BatchId), when it has one and is still there.</summary>
    public string? Link(string field, string? value) =>
        value is not null && References.TryGetValue(field, out var kind) && Pages.TryGetValue(kind, out var page)
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && names.ContainsKey((kind, id)) ? page(id) : null;

    /// <summary>
    /// A value as the history shows it: a stored document (得分明细, 申报数据: JSON or YAML a reader cannot use here) by its
    /// size, anything else as <see cref="Named"/> names it.
    /// </summary>
    public string? Show(string field, string? value) =>
        value is not null && IsDocument(field) ? $"（{value.Length:N0} 字的结构化内容，完整内容见导出）" : Named(field, value);

    private static bool IsDocument(string field) => field.EndsWith("Json", StringComparison.Ordinal) || field.EndsWith("Yaml", StringComparison.Ordinal);

    /// <summary>
    /// A value named as the page names it: a reference by its record's name, a 字典 code and a policy pack by their names, a
    /// file's type as people call it, anything else (a stored document too, whole) as recorded. The one rule for the page,
    /// the export and the API's names beside the recorded values.
    /// </summary>
    public string? Named(string field, string? value)
    {
        if (value is not null && field == "ContentType") return FileKind(value);
        if (value is not null && PolicyFields.Contains(field))
            return policies.TryGetValue(value, out var document) ? document : value;
        if (value is not null && StandardFields.Contains(field)) return catalog?.StandardName(value) ?? value;
        // A code the record keeps as the API writes it (specialty-agriculture), named as the 字典 names it.
        if (value is not null && AuditNames.Listed(field, value) is { } listed) return listed;
        if (value is not null && field == "SubjectKey" && value.Split(':') is [var subjectKind, var subjectId] && int.TryParse(subjectId, out var subject))
            return Named(SubjectField(subjectKind), subject.ToString(CultureInfo.InvariantCulture));
        if (value is null || !References.TryGetValue(field, out var kind) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return value;
        return names.TryGetValue((kind, id), out var name) ? name : $"编号 {id}（已不存在）";
    }

    /// <summary>An uploaded file's type as people call it: “PDF 文件”, not “application/pdf”.</summary>
    private static string FileKind(string contentType) => contentType switch
    {
        "application/pdf" => "PDF 文件",
        "image/png" => "PNG 图片",
        "image/jpeg" => "JPG 图片",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word 文档（.docx）",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel 表格（.xlsx）",
        _ => contentType,
    };

    /// <summary>An evaluation's subject (town:9) is a town, a township or a unit: the field that names that kind of record.</summary>
    private static string SubjectField(string kind) => kind switch { "town" => "TownId", "township" => "TownshipId", _ => "UnitId" };

    // Records whose only recorded label is their year (a 白名单 entry is one enterprise's place on one year's list, and the trail
    // labels a record with a Year and no name by its period): named as their lists name them instead.
    private static readonly HashSet<string> LabelledByYearOnly = ["WhiteListEntry"];

    private static string? OwnLabel(AuditEntry entry) =>
        entry.EntityLabel is { } label && !(LabelledByYearOnly.Contains(entry.EntityType) && label.EndsWith('年') && label.Length <= 6) ? label : null;

    /// <summary>
    /// For an entry with no name recorded, the reference that names it (<see cref="NamedAsReferenced"/>): to the record itself, or
    /// for a part to the record it belongs to; null when there is none.
    /// </summary>
    private static (string Field, int Id)? NamedBy(AuditEntry entry)
    {
        if (OwnLabel(entry) is not null) return null;
        var own = entry.EntityType == entry.RootType;
        return NamedAsReferenced.TryGetValue(own ? entry.EntityType : entry.RootType, out var field)
               && int.TryParse(own ? entry.EntityId : entry.RootId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (field, id) : null;
    }

    /// <summary>
    /// An application as the lists know it: its town and what it applies for, by its standard's title without the words every
    /// title has (运城市级专业镇认定标准 → 申报运城市级), by the tier when the standard is not known.
    /// </summary>
    public static string ApplicationName(string town, string? standardName, Core.Towns.Tier tier)
    {
        const string common = "专业镇认定标准";
        var target = standardName is { Length: > 0 } title && title.EndsWith(common, StringComparison.Ordinal) && title.Length > common.Length
            ? title[..^common.Length] : Core.Towns.Tiers.Chinese(tier);
        return $"{town} · 申报{target}";
    }

    /// <summary>
    /// The applications whose name (<see cref="ApplicationName"/>, as the lists show it today) holds the term, by their ids as
    /// their entries are filed under them (root_id): the audit search finds through them the entries that record no name of
    /// their own (认定申报, 申报附件…). Worked out at each search from the applications as they are, so a renamed town or a
    /// changed standard is found by its new name at once; applications are few next to the trail.
    /// </summary>
    public static async Task<List<string>> ApplicationsNamedAsync(TownsDbContext db, PolicyCatalog catalog, string term, CancellationToken ct = default)
    {
        var applications = await (from a in db.Applications.AsNoTracking()
                                   join t in db.Towns on a.SpecializedTownId equals t.Id
                                   select new { a.Id, Town = t.Name, a.StandardId, a.TargetTier }).ToListAsync(ct);
        return applications.Where(a => ApplicationName(a.Town, catalog.KnownStandardName(a.StandardId), a.TargetTier).Contains(term, StringComparison.Ordinal))
            .Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToList();
    }

    /// <param name="catalog">The policy packs, for the titles of the recognition standards an entry names.</param>
    public static async Task<AuditValueNames> ForAsync(TownsDbContext db, PolicyCatalog catalog, IEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        var read = entries as IReadOnlyCollection<AuditEntry> ?? entries.ToList();
        var values = read.SelectMany(e => e.ReadChanges()).SelectMany(c => new[] { (c.Field, c.Old), (c.Field, c.New) })
            .Concat(read.Select(NamedBy).OfType<(string Field, int Id)>().Select(x => (x.Field, Old: (string?)x.Id.ToString(CultureInfo.InvariantCulture)))).ToList();
        var packs = values.Where(x => x.Item2 is not null && PolicyFields.Contains(x.Field)).Select(x => x.Item2!).Distinct().ToList();
        var policies = packs.Count == 0 ? new Dictionary<string, string>()
            : (await db.PolicyDocuments.AsNoTracking().Where(d => packs.Contains(d.Id)).Select(d => new { d.Id, d.Number, d.Title }).ToListAsync(ct))
                .ToDictionary(d => d.Id, d => d.Number is { Length: > 0 } number ? $"{number}《{d.Title.Trim('《', '》')}》" : $"《{d.Title.Trim('《', '》')}》");
        var wanted = values
            .Select(x => x.Field == "SubjectKey" && x.Item2?.Split(':') is [var k, var v]
                ? (Field: SubjectField(k), Value: (string?)v) : (Field: x.Field, Value: x.Item2))
            .Where(x => x.Value is not null && References.ContainsKey(x.Field))
            .Select(x => (Kind: References[x.Field], Id: int.TryParse(x.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(x => x.Id > 0).Distinct().GroupBy(x => x.Kind, x => x.Id).ToDictionary(g => g.Key, g => g.ToList());
        if (wanted.Count == 0) return new AuditValueNames(new Dictionary<(Kind, int), string>(), policies, catalog);
        var found = new Dictionary<(Kind, int), string>();
        async Task Read(Kind kind, Func<List<int>, Task<Dictionary<int, string>>> query)
        {
            if (!wanted.TryGetValue(kind, out var ids)) return;
            foreach (var (id, name) in await query(ids)) found[(kind, id)] = name;
        }
        await Read(Kind.Unit, async ids =>
        {
            var units = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            // A unit merged into another (系统 → 单位) is gone, but its name is kept as the other's former name.
            var gone = ids.Where(id => !units.ContainsKey(id)).ToList();
            if (gone.Count > 0)
                foreach (var m in await db.UnitFormerNames.Where(f => f.MergedUnitId != null && gone.Contains(f.MergedUnitId.Value))
                             .Join(db.Units, f => f.UnitId, u => u.Id, (f, u) => new { Id = f.MergedUnitId!.Value, f.Name, Into = u.Name }).ToListAsync(ct))
                    units[m.Id] = $"{m.Name}（已并入{m.Into}）";
            return units;
        });
        await Read(Kind.Place, ids => db.Jurisdictions.Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, Name = j.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Town, ids => db.Towns.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, Name = t.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Person, ids => db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Enterprise, ids => db.Enterprises.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Role, async ids => (await db.Roles.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => x.Name is { } code && Core.Accounts.Roles.Chinese.TryGetValue(code, out var name) ? name : x.Name ?? ""));
        await Read(Kind.Notice, ids => db.Notices.Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, Name = n.DocumentNumber }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Project, ids => db.Projects.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, Name = p.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Task, ids => db.PlanTasks.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, Name = t.Title }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Problem, ids => db.Problems.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, Name = p.Title }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Evaluation, async ids => (await db.Evaluations.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Area = e.Jurisdiction!.Name, e.Year, e.Kind }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => $"{x.Area}{x.Year}年度{Core.Evaluation.SubjectKinds.Chinese(x.Kind)}评估"));
        await Read(Kind.TaskForce, ids => db.TaskForces.Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, Name = f.Town!.Name + "专班" }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Application, async ids => (await (from a in db.Applications where ids.Contains(a.Id)
                                                          join t in db.Towns on a.SpecializedTownId equals t.Id
                                                          select new { a.Id, Town = t.Name, a.StandardId, a.TargetTier }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => ApplicationName(x.Town, catalog.KnownStandardName(x.StandardId), x.TargetTier)));
        // A month's report as its page is titled (历山镇蜂蜜专业镇专班2025年5月月报): its own entries record only the month.
        await Read(Kind.Report, async ids => (await db.MonthlyReports.Where(r => ids.Contains(r.Id))
                .Select(r => new { r.Id, Town = r.TaskForce!.Town!.Name, r.Year, r.Month }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => $"{x.Town}专班{x.Year}年{x.Month}月月报"));
        await Read(Kind.Batch, ids => db.ProjectBatches.Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, Name = b.Title }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.TradeEvent, ids => db.TradeEvents.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        await Read(Kind.Platform, ids => db.ServicePlatforms.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
        // The registers of enterprises name an entry as their lists do: the enterprise, and the register (and its year).
        await Read(Kind.WhiteList, async ids => (await (from w in db.WhiteListEntries where ids.Contains(w.Id)
                                                        join e in db.Enterprises on w.EnterpriseId equals e.Id
                                                        select new { w.Id, e.Name, w.Year }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => $"{x.Name} · {x.Year}年融资白名单"));
        await Read(Kind.Listing, async ids => (await (from l in db.ListingCandidates where ids.Contains(l.Id)
                                                      join e in db.Enterprises on l.EnterpriseId equals e.Id
                                                      select new { l.Id, e.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => $"{x.Name} · 上市后备"));
        await Read(Kind.GeoIndication, ids => db.GeoIndications.Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, g.Name })
            .ToDictionaryAsync(x => x.Id, x => $"{x.Name} · 地理标志申请", ct));
        return new AuditValueNames(found, policies, catalog);
    }
}
