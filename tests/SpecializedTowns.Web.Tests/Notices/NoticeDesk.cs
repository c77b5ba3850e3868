using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// What a notice test starts from: a copy of the demo with its accounts, a clock on 30 December 2030 (10:00 in China, a year
/// with no demo notices in it, so numbers start at 1), the notice service on them, and the drafts and recipients the tests
/// name. Most tests act on one notice — 垣曲's office to 历山镇蜂蜜专业镇 with two findings (<see cref="IssueToLishanAsync"/>).
/// </summary>
internal sealed class NoticeDesk : IAsyncDisposable
{
    public const string Yuanqu = "山西省/运城市/垣曲县";
    public const string Xinjiang = "山西省/运城市/新绛县";

    /// <summary>The name 垣曲's office issues under.</summary>
    public const string YuanquOffice = "垣曲县专业镇办";

    public const string Lishan = "历山镇蜂蜜专业镇";

    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    private NoticeDesk(StorageSettings storage)
    {
        Storage = storage;
        Db = storage.CreateContext();
        Service = ServiceOn(Db, Clock);
    }

    /// <summary>The copy of the demo: a test opens other contexts on it to read what was stored, or to write beside the service.</summary>
    public StorageSettings Storage { get; }

    public TownsDbContext Db { get; }

    /// <summary>The service's clock, which a test moves on.</summary>
    public FixedClock Clock { get; } = new(new DateOnly(2030, 12, 30));

    public NoticeService Service { get; }

    public static async Task<NoticeDesk> OpenAsync(StorageProvider provider) => new(await TestDatabases.WithDemoAccountsAsync(provider));

    public static NoticeService ServiceOn(TownsDbContext db, TimeProvider clock, NoticeSettings? settings = null) =>
        new(db, clock, settings ?? new NoticeSettings(), Catalog);

    /// <summary>A service on the same database and clock under other settings (a county's own number prefix).</summary>
    public NoticeService ServiceWith(NoticeSettings settings) => ServiceOn(Db, Clock, settings);

    public Task<UserScope> ScopeAsync(string userName) => DemoScopes.OfAsync(Db, userName);

    public Task<int> TownAsync(string name) => Db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();

    public Task<int> TownshipAsync(string path) => Db.Jurisdictions.Where(j => j.Path == path).Select(j => j.Id).SingleAsync();

    public Task<int> UnitAsync(string place, string name) =>
        Db.Units.Where(u => u.Jurisdiction!.Path == place && u.Name == name).Select(u => u.Id).SingleAsync();

    /// <summary>A complete draft: the findings given, or two of an evaluation and the monthly reports, each with its source.</summary>
    public static NoticeDraft Draft(RecipientKind kind, int id, DateOnly deadline, params string[] findings) => new()
    {
        RecipientKind = kind, RecipientId = id, Basis = "2025年度专业镇发展评估结果", EvaluationId = 12,
        Findings = (findings.Length == 0 ? ["重点项目开工率为 40%，低于年度目标", "专班月报 2 个月未按时报送"] : findings)
            .Select((f, i) => new NoticeFinding(f, i == 0 ? "2025年度评估·项目开工率" : "月报记录")).ToList(),
        Deadline = deadline, ContactName = "李明", ContactPhone = "0359-6022135", CopyTo = ["县专业镇发展领导小组各成员单位"],
    };

    /// <summary>垣曲's office issues <see cref="Draft"/> to 历山镇蜂蜜专业镇 (changed by <paramref name="change"/>); the notice's id.</summary>
    public async Task<int> IssueToLishanAsync(DateOnly deadline, Func<NoticeDraft, NoticeDraft>? change = null)
    {
        var draft = Draft(RecipientKind.Town, await TownAsync(Lishan), deadline);
        return await Service.CreateAsync(await ScopeAsync("yuanqu-office"), YuanquOffice, change is null ? draft : change(draft));
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
