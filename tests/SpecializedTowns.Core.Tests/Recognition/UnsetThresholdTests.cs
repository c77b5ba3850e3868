using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

/// <summary>
/// qa96 1: 山西省级专业镇认定标准 has no number in any available text (晋政办发〔2022〕80号 is not among them), and one expert's
/// 符合 on each criterion turned it into “符合认定条件” and a town into 公示 as 省级.
/// </summary>
public class UnsetThresholdTests
{
    private static TownFacts Strong() => new()
    {
        Name = "永济机电制造专业镇", Category = IndustryCategories.Manufacturing, AnnualOutputValueWanYuan = 680000, LeadingEnterprises = 3,
        SupportingEnterprises = 40, LocalEmployment = 12000, ProvincialMarketSharePercent = 60,
    };

    private static TownFacts AllTicked()
    {
        var keys = Packs.Standard("shanxi-provincial").Criteria.Select(c => c.Key);
        return Strong() with { ExpertConclusions = keys.ToDictionary(k => k, _ => true) };
    }

    [Fact]
    public void An_experts_yes_does_not_turn_an_unset_threshold_into_a_pass_and_the_check_says_why()
    {
        var result = RecognitionEngine.Evaluate(Packs.Standard("shanxi-provincial"), AllTicked());
        result.Outcome.ShouldBe(Results.NeedsReview);
        var unset = result.Criteria.Where(c => c.Key != "category").ToList();
        unset.ShouldAllBe(c => c.Result == Results.NeedsReview && c.Unset);
        unset.First(c => c.Key == "output-value").Explanation.ShouldContain("专家评审意见：符合（数值标准未配置，不能作为认定结论）");
        // 申报领域 is a qualitative criterion: the experts settle it, as for any standard.
        result.Criteria.Single(c => c.Key == "category").Result.ShouldBe(Results.Met);

        result.NotConfigured.ShouldNotBeNull();
        result.NotConfigured.ShouldStartWith("山西省级专业镇认定标准尚未配置龙头企业、关联配套企业、年产值、市场占有率、带动就业的数值标准，不能据此认定。");
        // Who supplies the numbers and where they go.
        result.NotConfigured.ShouldContain("请山西省专业镇发展领导小组办公室（或系统管理员）按晋政办发〔2022〕80号");
        // Where they are entered: the standard's page on the platform, not its pack file and a restart (decision 0021).
        result.NotConfigured.ShouldContain("在“政策文件 → 山西省级专业镇认定标准 → 数值标准”页面（/Policies/Thresholds/shanxi-provincial）录入各项数值及出处，保存后即时生效");
        result.NotConfigured.ShouldNotContain("重启");
    }

    [Fact]
    public void A_standard_with_every_number_set_says_nothing_of_configuration()
    {
        foreach (var id in new[] { "yuncheng-municipal", "yongji-county", "yangquan-municipal", "shuozhou-municipal" })
        {
            var result = RecognitionEngine.Evaluate(Packs.Standard(id), Strong());
            result.NotConfigured.ShouldBeNull(id);
            result.Criteria.ShouldAllBe(c => !c.Unset);
        }
        // 运城 sets no output for 文旅康养: absent in the text (rule 7), not waiting for the office.
        var tourism = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), Strong() with { Category = IndustryCategories.CultureTourismHealth });
        tourism.NotConfigured.ShouldBeNull();
    }

    [Fact]
    public void Recognition_against_an_unset_standard_is_refused_and_nothing_changes()
    {
        var office = new Actor(20, "shanxi-office", Roles.Office);
        var expert = new Actor(30, "expert-zhang", Roles.Expert);
        var now = new DateTime(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
        var check = RecognitionEngine.Evaluate(Packs.Standard("shanxi-provincial"), AllTicked());
        var open = check.Criteria.Select(c => c.Key).ToList();
        // The tier applied for, as every application has: left at default(Tier) it read 省级 only by accident, and reads 已退出
        // since 0 is Tier.Delisted (decision 0024).
        var a = new RecognitionApplication { TargetTier = SpecializedTowns.Core.Towns.Tier.Provincial };
        a.Submit(new Actor(10, "yongji-office", Roles.Office), now);
        a.Accept(office, now, [expert.UserId]);
        a.Score(expert, now, open.Append(ExpertScore.Overall).ToDictionary(k => k, _ => (true, "同意")), open);
        a.Conclude(office, now, open);
        var events = a.Events.Count;

        var refused = Should.Throw<ApplicationRuleException>(() =>
            a.Decide(office, now, Decision.Recognize, "晋专领发〔2026〕1号", null, new DateOnly(2026, 12, 14), check));
        refused.Message.ShouldStartWith("山西省级专业镇认定标准尚未配置");
        refused.Message.ShouldContain("不能据此认定");
        refused.Message.ShouldContain("可选择“列入省级培育（储备）”或“不予认定”");
        refused.Kind.ShouldBe(RefusalKind.Conflict);
        (a.State, a.Decision, a.DecisionDocumentNumber, a.Events.Count).ShouldBe((ApplicationState.AwaitingDecision, (Decision?)null, (string?)null, events));

        // 不予认定 stays open to the office.
        a.Decide(office, now, Decision.Reject, null, "省级认定标准尚未配置", null, check);
        a.State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public void An_application_already_in_publicity_is_not_confirmed_against_an_unset_standard()
    {
        var office = new Actor(20, "shanxi-office", Roles.Office);
        var a = new RecognitionApplication { State = ApplicationState.Publicity, PublicityEndsOn = new DateOnly(2026, 12, 8) };
        var check = RecognitionEngine.Evaluate(Packs.Standard("shanxi-provincial"), AllTicked());
        var refused = Should.Throw<ApplicationRuleException>(() =>
            a.EndPublicity(office, new DateTime(2026, 12, 9, 2, 0, 0, DateTimeKind.Utc), objectionUpheld: false, null, check.NotConfigured));
        refused.Message.ShouldContain("不能据此认定");
        a.State.ShouldBe(ApplicationState.Publicity);
        a.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_number_entered_or_replaced_after_the_experts_scored_is_named_with_the_one_they_had()
    {
        var pack = Packs.Standard("shanxi-provincial");
        var scored = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        ThresholdValue Row(int id, string key, decimal value, DateTime at, DateTime? replaced = null) => new()
        {
            Id = id, StandardId = pack.Id, CriterionKey = key, Value = value, Unit = "家", Source = "测试", EnteredBy = "省办",
            EnteredAtUtc = at, SupersededAtUtc = replaced,
        };
        var history = new[]
        {
            Row(1, "leading-enterprise", 2, scored.AddDays(-2), replaced: scored.AddDays(1)),
            Row(2, "leading-enterprise", 3, scored.AddDays(1)),
            // In force when they scored and now: nothing to say.
            Row(3, "supporting-enterprises", 30, scored.AddDays(-1)),
            Row(4, "employment", 10000, scored.AddHours(1)),
        };
        EnteredThresholds.EnteredSince(pack, history, scored, IndustryCategories.Manufacturing)
            .Select(s => (s.Slot.Criterion.Key, s.Then?.Value, s.Now.Value))
            .ShouldBe([("leading-enterprise", (decimal?)2m, 3m), ("employment", (decimal?)null, 10000m)]);
        EnteredThresholds.EnteredSince(pack, history, scored.AddDays(2), IndustryCategories.Manufacturing).ShouldBeEmpty();
    }
}
