using System.Text.Json;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Dictionaries;

/// <summary>
/// 系统 → 字典: every code list a person fills in or an API caller sends, in menu order. Each list reads its names from the
/// functions the forms and exports use (ProblemNames.Chinese, ProjectTerms.Chinese …), so the 字典 cannot say otherwise than
/// the forms; its codes follow the one rule of <see cref="Code{T}"/>, which is also how the API writes them.
/// </summary>
public static class CodeLists
{
    private const string Yq = "垣政办发〔2023〕19号 ";
    private const string Xj = "新政办发〔2023〕33号 ";
    private const string Yj = "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 ";
    private const string Yqs = "阳政办发〔2023〕24号 ";
    private const string Sz = "朔政办发〔2023〕19号 ";

    /// <summary>The 字典 page (系统 → 字典), readable by every signed-in person: import templates and the API documentation link to it.</summary>
    public const string PagePath = "/Admin/Dictionaries";

    /// <summary>The list's own section of the page.</summary>
    public static string Link(CodeList list) => $"{PagePath}#{list.Id}";

    /// <summary>The groups of the left menu (UI.md), in its order.</summary>
    public static readonly IReadOnlyList<string> Groups = ["专业镇", "企业库", "项目", "督办", "考评", "政策与支持", "系统"];

    /// <summary>The API's word for a value: its name in kebab-case (InProduction → in-production), as the JSON converter writes it.</summary>
    public static string Code<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    // ── 专业镇 ──
    public static readonly CodeList IndustryCategory = new()
    {
        Id = "industry-category", Title = "产业领域", Group = "专业镇",
        Note = "专业镇和企业所属的领域；代码是认定预检（recognition-check）约定的键。各认定标准认定的领域不同，见“依据”。",
        // No Sources here: the categories are the recognition standards', so the 字典 cites the standards of the deployment's
        // policy packs, each under its own document (系统 → 字典 reads them from the catalogue).
        Entries = IndustryCategories.Names.Select(p => new CodeEntry(p.Key, p.Value)).ToList(),
    };

    public static readonly CodeList Tier = Of<Towns.Tier>("tier", "梯次", "专业镇", Tiers.Chinese,
        "专业镇所处的培育梯次，由低到高；“已退出”为领导小组办公室发文不再列入专业镇名录的专业镇（不计入各梯次数量，历史记录保留）。", Sz + "三（一） “省级+市级+储备”", Yj + "二 “申报省级、发展市级、孵化县级”");

    public static readonly CodeList ApplicationState = Of<Applications.ApplicationState>("application-state", "申报状态", "专业镇", ApplicationStates.Chinese,
        "认定申报从草稿到认定（或列入储备、不予认定）经过的状态。");

    public static readonly CodeList Decision = Of<Applications.Decision>("decision", "审定结论", "专业镇", ApplicationStates.Chinese,
        "领导小组审定认定申报的结论。");

    public static readonly CodeList AdjustmentKind = Of<Towns.AdjustmentKind>("adjustment-kind", "动态调整类别", "专业镇", AdjustmentKinds.Chinese,
        "动态调整按年度统计对照认定标准得出的三类结果。");

    // ── 企业库 ──
    public static readonly CodeList EnterpriseRole = Of<Enterprises.EnterpriseRole>("enterprise-role", "企业类型", "企业库", Enterprise.RoleName,
        "企业在专业镇产业中的角色；家庭农场、专业合作社计入配套企业。", Yqs + "四（五）", Sz + "二（五）");

    public static readonly CodeList Designation = new()
    {
        Id = "enterprise-designation", Title = "认定称号", Group = "企业库",
        Note = "企业获得的称号，一家企业可有多项；认定标准把其中几项列为优先评定的条件。",
        Sources = [Sz + "二（五）", Yqs + "四（五）", Yq + "四（三）"],
        Entries = Designations.Keys.Select(k => new CodeEntry(k, Designations.Name(k))).ToList(),
    };

    // ── 项目 ──
    public static readonly CodeList ProjectStage = Of<Projects.ProjectStage>("project-stage", "项目阶段", "项目", ProjectTerms.Chinese,
        "重点项目从谋划储备起依次经过签约、开工、投产、达效。", Yq + "四（四）", Xj + "三（一）3", Yqs + "五（四）");

    public static readonly CodeList ProjectKind = Of<Projects.ProjectKind>("project-kind", "建设性质", "项目", ProjectTerms.Chinese);

    public static readonly CodeList ProjectRole = Of<Projects.ProjectRole>("project-role", "项目类别", "项目", ProjectTerms.Chinese,
        "“谋划实施一批标志性、引领性的重大项目，着力储备一批补短板、强弱项的重点项目”。", Yq + "四（四）", Yqs + "五（四）", Sz + "三（五）");

    public static readonly CodeList WarningLevel = Of<Projects.WarningLevel>("warning-level", "项目预警", "项目", ProjectWarnings.Chinese,
        "节点临近、年度投资低于序时进度（自开工或签约当月起计）或计划未完善时亮黄灯，逾期或严重滞后亮红灯；谋划储备项目不计投资进度。");

    public static readonly CodeList GuaranteeKind = Of<Projects.GuaranteeKind>("guarantee-kind", "要素保障", "项目", GuaranteeTerms.Chinese,
        "重点项目的四项要素保障。", Yq + "四（九）", Sz + "三（十）");

    public static readonly CodeList GuaranteeStatus = Of<Projects.GuaranteeStatus>("guarantee-status", "要素保障状态", "项目", GuaranteeTerms.Chinese);

    public static readonly CodeList LeadStage = Of<Projects.LeadStage>("lead-stage", "招商阶段", "项目", LeadTerms.Chinese,
        "招商引资项目洽谈 → 签约 → 落地，落地即转入重点项目库。");

    public static readonly CodeList LeadChannel = Of<Projects.LeadChannel>("lead-channel", "招商方式", "项目", LeadTerms.Chinese,
        "“通过专业招商、协会招商、中介招商、产业链招商、以商招商、节会招商、云招商等方式”。", Sz + "三（九）", Yq + "四（八）");

    public static readonly CodeList ChainLink = Of<Projects.ChainLink>("chain-link", "产业链环节", "项目", LeadTerms.Chinese,
        "“加强产业链‘延补强’措施”。", Yq + "四（八）", Xj + "三（四）10");

    // ── 督办 ──
    public static readonly CodeList TaskLight = Of<Tasks.TaskLight>("task-status", "任务状态", "督办", TaskLights.Chinese,
        "责任清单任务按截止日期每天算出的红黄绿灰状态（不保存）。接口还接受颜色：grey/灰、green/绿、yellow/黄、red/红。");

    public static readonly CodeList ReportState = Of<Reports.ReportState>("report-state", "月报状态", "督办", ReportStates.Chinese,
        "专班月报草稿 → 已报送 → 已审核，或退回修改后重新报送。");

    public static readonly CodeList ProblemSource = Of<Problems.ProblemSource>("problem-source", "问题来源", "督办", ProblemNames.Chinese);

    public static readonly CodeList ProblemKind = Of<Problems.ProblemKind>("problem-kind", "问题性质", "督办", ProblemNames.Chinese,
        "“找准产业发展的共性问题和企业发展的个性问题，建立问题台账”。", Yq + "五（二）", Xj + "四（三）", Sz + "五（三）");

    public static readonly CodeList ProblemCategory = Of<Problems.ProblemCategory>("problem-category", "问题类别", "督办", ProblemNames.Chinese);

    public static readonly CodeList ProblemState = Of<Problems.ProblemState>("problem-state", "问题状态", "督办", ProblemNames.Chinese,
        "待受理 → 已受理 → 办理中 → 已答复 → 提出人确认办结；或不予受理。");

    // ── 考评 ──
    public static readonly CodeList SubjectKind = Of<Evaluation.SubjectKind>("evaluation-subject", "评估对象", "考评", SubjectKinds.Chinese);

    public static readonly CodeList EvaluationState = Of<Evaluation.EvaluationState>("evaluation-state", "评估状态", "考评", AnnualEvaluation.Chinese);

    public static readonly CodeList NoticeStatus = Of<Notices.NoticeStatus>("notice-status", "督办通知书状态", "考评", NoticeNames.Chinese,
        "“逾期”不保存，按整改期限和整改情况每天算出。");

    public static readonly CodeList NoticeRecipientKind = Of<Notices.RecipientKind>("notice-recipient-kind", "整改对象类型", "考评", NoticeNames.Chinese);

    public static readonly CodeList NoticeActionKind = Of<Notices.NoticeActionKind>("notice-action-kind", "逾期处理措施", "考评", NoticeNames.Chinese,
        "未按期整改时办公室采取的措施。", Yq + "五（四） “进行通报批评和约谈”", Yqs + "六（五） “未按时完成整改任务的，给予通报批评”");

    public static readonly CodeList TargetState = Of<Targets.TargetState>("target-state", "目标状态", "考评", TargetRules.Chinese,
        "政策文件量化目标的监测结果。");

    public static readonly CodeList CrossingState = Of<Commendations.CrossingState>("crossing-state", "表扬触发状态", "考评", CrossingStates.Chinese,
        "领军企业营收或主导产品市场占有率排名首次达到表彰条件时的判断。", Sz + "四（九）");

    // ── 政策与支持 ──
    public static readonly CodeList FundKind = Of<Support.FundKind>("fund-kind", "资金类别", "政策与支持", FundNames.Chinese,
        null, Sz + "四（一） 专项资金", Sz + "四（十） 奖补资金");

    public static readonly CodeList FundLevel = Of<Support.FundLevel>("fund-level", "资金级次", "政策与支持", FundNames.Chinese,
        "资金出自哪一级财政。", Yqs + "五（一） “省、市两级专项资金”");

    public static readonly CodeList FundRecipientKind = Of<Support.RecipientKind>("fund-recipient-kind", "支持对象类型", "政策与支持", FundNames.Chinese);

    public static readonly CodeList WhiteListStatus = Of<Support.WhiteListStatus>("white-list-status", "白名单状态", "政策与支持", WhiteListNames.Chinese,
        null, Sz + "四（十三） 融资“白名单”");

    public static readonly CodeList FinancingKind = Of<Support.FinancingKind>("financing-kind", "融资方式", "政策与支持", WhiteListNames.Chinese,
        null, Sz + "四（十三）");

    public static readonly CodeList ListingStage = Of<Support.ListingStage>("listing-stage", "上市后备阶段", "政策与支持", ListingStages.Chinese,
        "“个转企、小升规、规改股、股上市”。", Yqs + "五（二）", Sz + "四（十三）");

    public static readonly CodeList TrainingMode = Of<Support.TrainingMode>("training-mode", "培训方式", "政策与支持", TrainingNames.Chinese,
        "订单式、项目制、定向式培训计入培训后就业率。", Sz + "四（八）");

    public static readonly CodeList TrainingProvider = Of<Support.TrainingProviderKind>("training-provider", "培训承办方", "政策与支持", TrainingNames.Chinese,
        null, Sz + "四（八）", Sz + "三（六）");

    public static readonly CodeList TalentCategory = Of<Support.TalentCategory>("talent-category", "人才类别", "政策与支持", TalentNames.Chinese,
        null, Sz + "四（二）");

    public static readonly CodeList PlatformFunction = Of<Support.PlatformFunction>("platform-function", "公共服务平台功能", "政策与支持", PlatformFunctions.Chinese,
        "前八项是认定标准“公共服务体系比较完善”列出的功能。", Sz + "二（七）", Sz + "三（十一）", Sz + "四（五）", Yqs + "四（七）");

    public static readonly CodeList PlatformLevel = Of<Support.PlatformLevel>("platform-level", "平台认定级别", "政策与支持", PlatformFunctions.Chinese);

    public static readonly CodeList PlatformOperator = Of<Support.PlatformOperatorKind>("platform-operator", "平台运营主体", "政策与支持", PlatformFunctions.Chinese,
        null, Sz + "四（五）", Sz + "三（十一）");

    public static readonly CodeList PlatformMode = Of<Support.PlatformMode>("platform-mode", "平台服务方式", "政策与支持", PlatformFunctions.Chinese,
        null, Sz + "四（五） “通过线上线下结合，拓宽覆盖面”");

    public static readonly CodeList EventKind = Of<Support.EventKind>("event-kind", "展会活动类型", "政策与支持", EventNames.Chinese,
        null, Sz + "三（八）", Sz + "四（十六）", Sz + "四（十七）", Yqs + "五（七）");

    public static readonly CodeList EventLevel = Of<Support.EventLevel>("event-level", "展会活动级别", "政策与支持", EventNames.Chinese, null, Sz + "四（十七）");

    public static readonly CodeList EventRole = Of<Support.EventRole>("event-role", "举办或参加", "政策与支持", EventNames.Chinese);

    public static readonly CodeList BrandKind = Of<Towns.BrandKind>("brand-kind", "品牌类别", "政策与支持", BrandNames.Of,
        null, Yq + "四（六）", Yqs + "四（六）");

    public static readonly CodeList BrandLevel = Of<Towns.RecognitionLevel>("brand-level", "品牌级别", "政策与支持", BrandNames.Of);

    public static readonly CodeList BrandHonour = Of<Towns.BrandHonour>("brand-honour", "品牌荣誉", "政策与支持", BrandNames.Of,
        "标为“山西精品”的品牌计入品牌目标。", Sz + "四（四） “山西精品”公用品牌", Sz + "四（十四） “老字号”");

    public static readonly CodeList StandardKind = Of<Towns.StandardKind>("standard-kind", "标准类别", "政策与支持", StandardNames.Chinese,
        "“支持企业参与制定国家标准、行业标准、地方标准……鼓励专业镇协会制定团体标准”。", Yq + "四（六）", Sz + "四（三）");

    public static readonly CodeList StandardRole = Of<Towns.StandardRole>("standard-role", "主导或参与", "政策与支持", StandardNames.Chinese,
        "“主导或参与制订国家标准、行业标准”。", Yqs + "四（六）");

    public static readonly CodeList GeoIndicationKind = Of<Support.GeoIndicationKind>("geo-indication-kind", "地理标志保护方式", "政策与支持", GeoIndicationNames.Chinese,
        null, GeoIndicationNames.Clause);

    public static readonly CodeList GeoIndicationStatus = Of<Support.GeoIndicationStatus>("geo-indication-status", "地理标志申请状态", "政策与支持", GeoIndicationNames.Chinese);

    // ── 系统 ──
    public static readonly CodeList JurisdictionLevel = Of<Jurisdictions.JurisdictionLevel>("jurisdiction-level", "行政区划层级", "系统", Jurisdiction.LevelName);

    public static readonly CodeList AuditAction = Of<Audit.AuditAction>("audit-action", "审计操作", "系统", AuditActions.Chinese,
        "审计日志记录的操作；登录失败、账号锁定和已停用账号尝试登录记在所登录的账号名下。");

    /// <summary>Every list, in menu order.</summary>
    public static readonly IReadOnlyList<CodeList> All =
    [
        IndustryCategory, Tier, ApplicationState, Decision, AdjustmentKind,
        EnterpriseRole, Designation,
        ProjectStage, ProjectKind, ProjectRole, WarningLevel, GuaranteeKind, GuaranteeStatus, LeadStage, LeadChannel, ChainLink,
        TaskLight, ReportState, ProblemSource, ProblemKind, ProblemCategory, ProblemState,
        SubjectKind, EvaluationState, NoticeStatus, NoticeRecipientKind, NoticeActionKind, TargetState, CrossingState,
        FundKind, FundLevel, FundRecipientKind, WhiteListStatus, FinancingKind, ListingStage, TrainingMode, TrainingProvider, TalentCategory,
        PlatformFunction, PlatformLevel, PlatformOperator, PlatformMode, EventKind, EventLevel, EventRole,
        BrandKind, BrandLevel, BrandHonour, StandardKind, StandardRole, GeoIndicationKind, GeoIndicationStatus,
        JurisdictionLevel, AuditAction,
    ];

    private static readonly Dictionary<Type, CodeList> ByType = All.Where(l => l.EnumType is not null).ToDictionary(l => l.EnumType!);

    public static CodeList? Find(string? id) => All.FirstOrDefault(l => l.Id == id);

    /// <summary>The list of an enumeration; every enumeration the API or an import reads has one (a test holds to it).</summary>
    public static CodeList For<T>() where T : struct, Enum =>
        ByType.TryGetValue(typeof(T), out var list) ? list : throw new InvalidOperationException($"{typeof(T).Name} has no code list");

    /// <summary>The list of an enumeration type, or null for one no person fills in or filters by (a notice's stored state).</summary>
    public static CodeList? For(Type enumType) => ByType.GetValueOrDefault(enumType);

    /// <summary>
    /// The value a caller names (see <see cref="CodeList.Find"/>): true with null when nothing was given, false when the text
    /// names no value of the list.
    /// </summary>
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (For<T>().Find(text) is not { Number: { } number }) return false;
        value = (T)Enum.ToObject(typeof(T), number);
        return true;
    }

    /// <summary>The value a filter names, or null when it names nothing the list knows: for a page's filter, which ignores what it cannot read.</summary>
    public static T? ValueOrNull<T>(string? text) where T : struct, Enum => TryParse<T>(text, out var value) ? value : null;

    private static CodeList Of<T>(string id, string title, string group, Func<T, string> name, string? note = null, params string[] sources) where T : struct, Enum => new()
    {
        Id = id, Title = title, Group = group, Note = note, Sources = sources, EnumType = typeof(T),
        Entries = Enum.GetValues<T>().Select(v => new CodeEntry(Code(v), name(v), Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))).ToList(),
    };
}
