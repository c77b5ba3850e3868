using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Data.Projects;

public sealed record LeadInput
{
    public string Name { get; init; } = "";
    public int? TownId { get; init; }
    public string TargetEnterprise { get; init; } = "";
    public ChainLink? ChainLink { get; init; }
    public string ChainPosition { get; init; } = "";
    public LeadChannel? Channel { get; init; }
    public decimal? IntendedInvestmentWanYuan { get; init; }
    public int? ResponsibleUnitId { get; init; }
    public string? Contact { get; init; }
    public string? Notes { get; init; }
    public DateOnly? FirstContactOn { get; init; }
}

/// <summary>A lead's landing: the day, and the essentials of the key project it becomes (see <see cref="LandingPlan"/>).</summary>
public sealed record LandingInput
{
    public DateOnly? On { get; init; }
    public string? OwnerName { get; init; }
    public decimal? AnnualPlannedInvestmentWanYuan { get; init; }
    public DateOnly? PlannedStartOn { get; init; }
    public DateOnly? PlannedProductionOn { get; init; }
}

public sealed record LeadListItem(int Id, string Name, string Town, string TargetEnterprise, ChainLink ChainLink, string ChainPosition,
    LeadChannel Channel, decimal IntendedInvestmentWanYuan, LeadStage Stage, DateOnly FirstContactOn, DateOnly? SignedOn, DateOnly? LandedOn,
    string? Unit, int? KeyProjectId);

/// <summary>招商引资项目库: leads from first contact to signing and landing, where a landed lead becomes a key project.</summary>
public sealed class LeadService(TownsDbContext db, TimeProvider time)
{
    private DateOnly Today => ChinaTime.Today(time);

    public IQueryable<InvestmentLead> Visible(UserScope scope) => ProjectScope.Leads(db, scope);

    public async Task<InvestmentLead> FindAsync(UserScope scope, int id, CancellationToken ct = default) =>
        await Visible(scope).Include(l => l.Town).Include(l => l.ResponsibleUnit).SingleOrDefaultAsync(l => l.Id == id, ct)
        ?? throw new ProjectNotFoundException();

    public async Task<Paged<LeadListItem>> ListAsync(UserScope scope, string? search, int? townId, LeadStage? stage, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<LeadListItem>.Normalize(page, pageSize);
        var q = Visible(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) { var s = search.Trim(); q = q.Where(l => l.Name.Contains(s) || l.TargetEnterprise.Contains(s) || l.ChainPosition.Contains(s)); }
        if (townId is { } t) q = q.Where(l => l.SpecializedTownId == t);
        if (stage is { } st) q = q.Where(l => l.Stage == st);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(l => l.Stage == LeadStage.Dropped).ThenBy(l => l.Stage).ThenByDescending(l => l.FirstContactOn).ThenBy(l => l.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(l => new LeadListItem(l.Id, l.Name, l.Town!.Name, l.TargetEnterprise, l.ChainLink, l.ChainPosition, l.Channel,
                l.IntendedInvestmentWanYuan, l.Stage, l.FirstContactOn, l.SignedOn, l.LandedOn, l.ResponsibleUnit!.Name, l.KeyProjectId))
            .ToListAsync(ct);
        return new Paged<LeadListItem>(items, total, page, pageSize);
    }

    public async Task<(int? Id, FieldErrors Errors)> SaveAsync(UserScope scope, int? id, LeadInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!ProjectService.CanManage(scope)) { errors.Forbidden("您的角色不能登记或修改招商引资项目"); return (null, errors); }
        InvestmentLead? lead = null;
        if (id is { } editId)
        {
            lead = await Visible(scope).SingleOrDefaultAsync(l => l.Id == editId, ct) ?? throw new ProjectNotFoundException();
            if (lead.Stage is LeadStage.Landed or LeadStage.Dropped) { errors.Conflict($"此项目已{LeadTerms.Chinese(lead.Stage)}，不能再修改"); return (null, errors); }
        }
        var name = input.Name.Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写项目名称";
        else if (name.Length > ProjectLimits.Name) errors[nameof(input.Name)] = $"项目名称不超过 {ProjectLimits.Name} 字";
        var town = input.TownId is { } townId
            ? await scope.Towns(db).AsNoTracking().Include(t => t.County).SingleOrDefaultAsync(t => t.Id == townId, ct) : null;
        if (town is null) errors[nameof(input.TownId)] = input.TownId is null ? "请选择所属专业镇" : "所选专业镇不在您的数据范围内";
        else if (await global::SpecializedTowns.Data.Towns.DelistedTowns.RefusalAsync(db, town.Id, "招商项目", lead?.SpecializedTownId, ct) is { } offList) errors[nameof(input.TownId)] = offList;
        var target = input.TargetEnterprise.Trim();
        if (target.Length == 0) errors[nameof(input.TargetEnterprise)] = "请填写招商目标企业";
        else if (target.Length > ProjectLimits.Name) errors[nameof(input.TargetEnterprise)] = $"目标企业不超过 {ProjectLimits.Name} 字";
        if (input.ChainLink is not { } link || !Enum.IsDefined(link)) errors[nameof(input.ChainLink)] = "请选择延链、补链或强链";
        var position = input.ChainPosition.Trim();
        if (position.Length == 0) errors[nameof(input.ChainPosition)] = "请填写所在产业链环节，如“蜂产品精深加工”";
        else if (position.Length > ProjectLimits.Name) errors[nameof(input.ChainPosition)] = $"产业链环节不超过 {ProjectLimits.Name} 字";
        if (input.Channel is not { } channel || !Enum.IsDefined(channel)) errors[nameof(input.Channel)] = "请选择招商方式";
        if (input.IntendedInvestmentWanYuan is not { } amount || amount <= 0) errors[nameof(input.IntendedInvestmentWanYuan)] = "请填写意向投资（万元，大于 0）";
        else if (amount > 100_000_000) errors[nameof(input.IntendedInvestmentWanYuan)] = "意向投资超出合理范围，请核对单位是否为万元";
        if (input.Contact?.Trim().Length > 100) errors[nameof(input.Contact)] = "联系人不超过 100 字";
        if (input.Notes?.Trim().Length > ProjectLimits.Text) errors[nameof(input.Notes)] = $"备注不超过 {ProjectLimits.Text} 字";
        if (input.FirstContactOn is not { } first) errors[nameof(input.FirstContactOn)] = "请填写首次接洽日期";
        else if (first > Today) errors[nameof(input.FirstContactOn)] = "首次接洽日期不能晚于今天";
        else if (first.Year < 2000) errors[nameof(input.FirstContactOn)] = "首次接洽日期不合理";
        else if (lead?.SignedOn is { } signed && first > signed) errors[nameof(input.FirstContactOn)] = "首次接洽日期不能晚于签约日期";
        if (input.ResponsibleUnitId is { } unitId && town?.County is { } county
            && (await UnitRegistry.ForPathAsync(db, county.Path, ct)).All(u => u.Id != unitId))
            errors[nameof(input.ResponsibleUnitId)] = "所选责任单位不在项目所在县或其上级";
        if (!errors.Ok) return (null, errors);

        if (lead is null) db.InvestmentLeads.Add(lead = new InvestmentLead { CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        lead.Name = name;
        lead.SpecializedTownId = town!.Id;
        lead.CountyId = town.CountyId;
        lead.TargetEnterprise = target;
        lead.ChainLink = input.ChainLink!.Value;
        lead.ChainPosition = position;
        lead.Channel = input.Channel!.Value;
        lead.IntendedInvestmentWanYuan = input.IntendedInvestmentWanYuan!.Value;
        lead.ResponsibleUnitId = input.ResponsibleUnitId;
        lead.Contact = string.IsNullOrWhiteSpace(input.Contact) ? null : input.Contact.Trim();
        lead.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        lead.FirstContactOn = input.FirstContactOn!.Value;
        await db.SaveChangesAsync(ct);
        return (lead.Id, errors);
    }

    public async Task SignAsync(UserScope scope, int id, DateOnly on, CancellationToken ct = default)
    {
        var lead = await ForStepAsync(scope, id, ct);
        lead.Sign(on, Today);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Lands the lead: the key project it becomes and the link back are written together or not at all. The lead's own
    /// state is checked first (a lead not yet signed is refused whatever was typed), then the project's essentials.
    /// </summary>
    public async Task<(int? Id, FieldErrors Errors)> LandAsync(UserScope scope, int id, LandingInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var lead = await ForStepAsync(scope, id, ct);
        if (input.On is not { } on) { errors[nameof(input.On)] = "请填写落地日期"; return (null, errors); }
        lead.CheckLanding(on, Today);

        var owner = input.OwnerName?.Trim();
        if (string.IsNullOrEmpty(owner)) errors[nameof(input.OwnerName)] = "请填写项目业主（投资方在本地注册的企业名称）";
        else if (owner.Length > ProjectLimits.Name) errors[nameof(input.OwnerName)] = $"业主名称不超过 {ProjectLimits.Name} 字";
        if (input.AnnualPlannedInvestmentWanYuan is not { } annual || annual <= 0)
            errors[nameof(input.AnnualPlannedInvestmentWanYuan)] = "请填写年度计划投资（万元，大于 0）";
        else if (annual > lead.IntendedInvestmentWanYuan)
            errors[nameof(input.AnnualPlannedInvestmentWanYuan)] = $"年度计划投资不能超过意向投资 {Quantity.Money(lead.IntendedInvestmentWanYuan)}";
        if (input.PlannedStartOn is not { } start) errors[nameof(input.PlannedStartOn)] = "请填写计划开工日期";
        else if (start < lead.SignedOn!.Value) errors[nameof(input.PlannedStartOn)] = $"计划开工日期不能早于签约日期 {lead.SignedOn.Value.Year}年{lead.SignedOn.Value.Month}月{lead.SignedOn.Value.Day}日";
        else if (start.Year > Today.Year + 5) errors[nameof(input.PlannedStartOn)] = $"计划开工日期不能晚于 {Today.Year + 5} 年";
        if (input.PlannedProductionOn is { } production)
        {
            if (production.Year > Today.Year + 20) errors[nameof(input.PlannedProductionOn)] = "计划投产日期不合理";
            else if (input.PlannedStartOn is { } s && production < s) errors[nameof(input.PlannedProductionOn)] = "计划投产日期不能早于计划开工日期";
        }
        if (!errors.Ok) return (null, errors);

        var now = time.GetUtcNow().UtcDateTime;
        var project = lead.Land(on, Today, now, new LandingPlan(owner!, input.AnnualPlannedInvestmentWanYuan!.Value, input.PlannedStartOn!.Value, input.PlannedProductionOn));
        foreach (var k in GuaranteeTerms.Kinds)
            project.Guarantees.Add(new ElementGuarantee { Kind = k, Status = GuaranteeStatus.Pending, UnitId = lead.ResponsibleUnitId, UpdatedAtUtc = now });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        lead.KeyProjectId = project.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (project.Id, errors);
    }

    public async Task DropAsync(UserScope scope, int id, string reason, CancellationToken ct = default)
    {
        var lead = await ForStepAsync(scope, id, ct);
        if (reason.Trim().Length > ProjectLimits.Note) throw new ProjectRuleException($"原因不超过 {ProjectLimits.Note} 字", "reason");
        lead.Drop(reason);
        await db.SaveChangesAsync(ct);
    }

    private async Task<InvestmentLead> ForStepAsync(UserScope scope, int id, CancellationToken ct)
    {
        var lead = await Visible(scope).SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new ProjectNotFoundException();
        if (!ProjectService.CanManage(scope)) throw new ProjectRuleException("招商引资项目的进展由领导小组办公室登记") { Kind = RefusalKind.Forbidden };
        return lead;
    }
}
