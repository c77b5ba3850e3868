using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SpecializedTowns.Core.Dictionaries;

namespace SpecializedTowns.Web.Api;

public enum ApiFieldPlace { Query, Path, Body }

/// <summary>
/// A field of the API that takes a code list's values (字典). The 字典 page names it under its list, the OpenAPI document points
/// the field's description at the list's section, and a test sends every value of the list to it, so that the page says what
/// the API really accepts.
/// </summary>
public sealed record ApiCodeField(CodeList List, string Method, string Path, string Field, ApiFieldPlace Place)
{
    /// <summary>
    /// A field the JSON reader converts itself (an enumeration-typed property of the body): it takes the code or the stored
    /// number, but not the Chinese name. Every other field is read through <see cref="CodeLists.TryParse{T}"/>: the code or the name.
    /// </summary>
    public bool Typed { get; init; }

    /// <summary>What else the field takes, or when it is read (“action 为 decide 时”).</summary>
    public string? Note { get; init; }

    public string PlaceName => Place switch
    {
        ApiFieldPlace.Query => "查询参数",
        ApiFieldPlace.Path => "路径参数",
        _ => "请求体字段",
    };

    public string Accepts => Typed ? "代码或编号" : "代码或中文名称";
}

public static partial class ApiCodeFields
{
    private const string Get = "GET", Post = "POST", Put = "PUT";

    private static ApiCodeField Q(CodeList list, string path, string field) => new(list, Get, path, field, ApiFieldPlace.Query);

    private static ApiCodeField B(CodeList list, string method, string path, string field) => new(list, method, path, field, ApiFieldPlace.Body);

    public static readonly IReadOnlyList<ApiCodeField> All =
    [
        Q(CodeLists.Tier, "/api/v1/towns", "tier"),
        Q(CodeLists.IndustryCategory, "/api/v1/towns", "category"),
        B(CodeLists.Tier, Post, "/api/v1/towns/{id}/tier-changes", "to") with { Note = "调整后的梯次：reserve 转入储备，或低于现梯次、所在地有认定标准的梯次" },
        Q(CodeLists.ApplicationState, "/api/v1/applications", "state"),
        B(CodeLists.Decision, Post, "/api/v1/applications/{id}/steps", "decision") with { Note = "action 为 decide 时" },
        Q(CodeLists.AdjustmentKind, "/api/v1/targets/adjustments", "kind"),
        Q(CodeLists.Tier, "/api/v1/targets/adjustments", "tier"),

        Q(CodeLists.EnterpriseRole, "/api/v1/enterprises", "role"),

        Q(CodeLists.ProjectStage, "/api/v1/projects", "stage"),
        Q(CodeLists.ProjectKind, "/api/v1/projects", "kind"),
        Q(CodeLists.ProjectRole, "/api/v1/projects", "role"),
        Q(CodeLists.WarningLevel, "/api/v1/projects", "warning"),
        B(CodeLists.ProjectKind, Post, "/api/v1/projects", "kind"),
        B(CodeLists.ProjectRole, Post, "/api/v1/projects", "role"),
        B(CodeLists.ProjectKind, Put, "/api/v1/projects/{id}", "kind"),
        B(CodeLists.ProjectRole, Put, "/api/v1/projects/{id}", "role"),
        B(CodeLists.ProjectStage, Post, "/api/v1/projects/{id}/stage", "stage") with { Note = "谋划储备之后的阶段" },
        new(CodeLists.GuaranteeKind, Put, "/api/v1/projects/{id}/guarantees/{kind}", "kind", ApiFieldPlace.Path),
        B(CodeLists.GuaranteeStatus, Put, "/api/v1/projects/{id}/guarantees/{kind}", "status"),
        Q(CodeLists.LeadStage, "/api/v1/investment-leads", "stage"),
        B(CodeLists.ChainLink, Post, "/api/v1/investment-leads", "chainLink"),
        B(CodeLists.LeadChannel, Post, "/api/v1/investment-leads", "channel"),

        Q(CodeLists.TaskLight, "/api/v1/tasks", "status"),
        Q(CodeLists.ReportState, "/api/v1/reports", "state"),
        Q(CodeLists.ProblemState, "/api/v1/problems", "status") with { Note = "另可写 open：所有未办结的问题" },
        Q(CodeLists.ProblemCategory, "/api/v1/problems", "category"),
        Q(CodeLists.ProblemSource, "/api/v1/problems", "source"),
        Q(CodeLists.ProblemKind, "/api/v1/problems", "kind"),
        B(CodeLists.ProblemSource, Post, "/api/v1/problems", "source"),
        B(CodeLists.ProblemKind, Post, "/api/v1/problems", "kind"),
        B(CodeLists.ProblemCategory, Post, "/api/v1/problems", "category"),

        Q(CodeLists.SubjectKind, "/api/v1/evaluations", "kind"),
        Q(CodeLists.EvaluationState, "/api/v1/evaluations", "state"),
        B(CodeLists.SubjectKind, Post, "/api/v1/evaluations", "kind"),
        Q(CodeLists.NoticeStatus, "/api/v1/notices", "status"),
        Q(CodeLists.NoticeRecipientKind, "/api/v1/notices", "recipientKind"),
        B(CodeLists.NoticeRecipientKind, Post, "/api/v1/notices", "recipientKind"),
        B(CodeLists.NoticeRecipientKind, Post, "/api/v1/notices/batch", "notices[].recipientKind"),
        B(CodeLists.NoticeActionKind, Post, "/api/v1/notices/{id}/actions", "actions[].kind"),
        Q(CodeLists.TargetState, "/api/v1/targets", "status"),
        Q(CodeLists.CrossingState, "/api/v1/targets/triggers", "state"),

        Q(CodeLists.FundRecipientKind, "/api/v1/support/grants", "recipientKind"),
        B(CodeLists.FundKind, Post, "/api/v1/support/grants", "kind") with { Typed = true },
        B(CodeLists.FundLevel, Post, "/api/v1/support/grants", "level") with { Typed = true },
        B(CodeLists.FundRecipientKind, Post, "/api/v1/support/grants", "recipientKind") with { Typed = true },
        Q(CodeLists.WhiteListStatus, "/api/v1/support/white-list", "status"),
        Q(CodeLists.ListingStage, "/api/v1/support/listing", "stage"),
        Q(CodeLists.TrainingMode, "/api/v1/support/training", "mode"),
        Q(CodeLists.TalentCategory, "/api/v1/support/talents", "category"),
        Q(CodeLists.PlatformFunction, "/api/v1/support/platforms", "function"),
        Q(CodeLists.PlatformLevel, "/api/v1/support/platforms", "level"),
        Q(CodeLists.EventKind, "/api/v1/support/events", "kind"),
        Q(CodeLists.BrandKind, "/api/v1/support/brands", "kind"),
        Q(CodeLists.BrandHonour, "/api/v1/support/brands", "honour"),
        Q(CodeLists.GeoIndicationStatus, "/api/v1/support/geo-indications", "status"),
        Q(CodeLists.GeoIndicationKind, "/api/v1/support/geo-indications", "kind"),

        Q(CodeLists.JurisdictionLevel, "/api/v1/jurisdictions", "level"),
        Q(CodeLists.AuditAction, "/api/v1/audit", "action"),
    ];

    public static IEnumerable<ApiCodeField> Of(CodeList list) => All.Where(f => f.List == list);

    /// <summary>
    /// Points each field of the table at its list in the OpenAPI document: a query or path parameter's description names the
    /// codes and the 字典 section, and an operation with such body fields says so in its description.
    /// </summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var method = context.Description.HttpMethod ?? "";
        // A group's "/" endpoint is described as "api/v1/problems/", a route value with its constraint ({id:int}).
        var path = "/" + RouteConstraint().Replace((context.Description.RelativePath ?? "").Trim('/'), "{$1}");
        var fields = All.Where(f => f.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && f.Path.Equals(path, StringComparison.OrdinalIgnoreCase)).ToList();
        if (fields.Count == 0) return Task.CompletedTask;
        foreach (var field in fields.Where(f => f.Place != ApiFieldPlace.Body))
            if (operation.Parameters?.FirstOrDefault(p => p.Name == field.Field) is OpenApiParameter parameter)
                parameter.Description = Describe(field);
        var body = fields.Where(f => f.Place == ApiFieldPlace.Body).Select(f => $"{f.Field}：{Describe(f)}").ToList();
        if (body.Count > 0)
            operation.Description = string.Join("\n\n", new[] { operation.Description }.Where(d => !string.IsNullOrEmpty(d)).Append("请求体中取字典值的字段：\n\n- " + string.Join("\n- ", body)));
        return Task.CompletedTask;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();

    private static string Describe(ApiCodeField field) =>
        $"{field.List.Title}：{string.Join("、", field.List.Entries.Select(e => e.Code))}（{field.Accepts}{(field.Note is null ? "" : "；" + field.Note)}）。"
        + $"各值的中文名称见[系统 → 字典 · {field.List.Title}]({CodeLists.Link(field.List)})";
}
