using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Tests.Support;

public class BrandQuotaTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(Path.Combine(AppContext.BaseDirectory, "policies"));
    private static readonly DateOnly Before = new(2025, 6, 30), After = new(2026, 3, 1);

    [Fact]
    public void The_quota_is_read_from_shuozhou_s_targets_one_to_two_per_provincial_town_and_one_per_city_level_town_by_2025()
    {
        var rules = BrandQuotas.Rules(Catalog);
        rules.Select(r => (r.AreaPath, r.Tier, r.Minimum, r.Maximum, r.Source)).ShouldBe([
            ("山西省/朔州市", Tier.Provincial, 1, (int?)2, "朔政办发〔2023〕19号 四（四）"),
            ("山西省/朔州市", Tier.Municipal, 1, (int?)null, "朔政办发〔2023〕19号 四（四）"),
        ]);
        rules.ShouldAllBe(r => r.Deadline == new DateOnly(2025, 12, 31));
        rules[0].Requirement.ShouldBe("至少 1—2 个");
        rules[1].Requirement.ShouldBe("至少 1 个");
        BrandQuotas.Governs(rules, "山西省/朔州市/怀仁市").ShouldBeTrue();
        BrandQuotas.Governs(rules, "山西省/运城市/垣曲县").ShouldBeFalse("no other text sets a per-town quota");
        BrandQuotas.RuleFor(rules, "山西省/朔州市/怀仁市", Tier.Reserve).ShouldBeNull();
    }

    [Fact]
    public void A_town_meets_its_quota_falls_short_before_the_deadline_or_misses_it_after()
    {
        var rules = BrandQuotas.Rules(Catalog);
        BrandQuotas.Town(rules, 1, "甲", "山西省/朔州市/怀仁市", Tier.Provincial, ["甲精品"], Before).State.ShouldBe(QuotaState.Met);
        var pending = BrandQuotas.Town(rules, 2, "乙", "山西省/朔州市/山阴县", Tier.Municipal, [], Before);
        (pending.State, pending.Shortfall).ShouldBe((QuotaState.Pending, 1));
        BrandQuotas.Town(rules, 2, "乙", "山西省/朔州市/山阴县", Tier.Municipal, [], After).State.ShouldBe(QuotaState.Missed);
        var reserve = BrandQuotas.Town(rules, 3, "丙", "山西省/朔州市/平鲁区", Tier.Reserve, [], After);
        (reserve.State, reserve.Shortfall, reserve.County).ShouldBe((QuotaState.NotRequired, 0, "平鲁区"));
    }

    [Fact]
    public void Figures_roll_up_from_towns_to_county_city_and_province_counting_only_towns_with_a_quota()
    {
        var rules = BrandQuotas.Rules(Catalog);
        var towns = new[]
        {
            BrandQuotas.Town(rules, 1, "怀仁陶瓷", "山西省/朔州市/怀仁市", Tier.Provincial, ["甲", "乙"], After),
            BrandQuotas.Town(rules, 2, "怀仁羔羊肉", "山西省/朔州市/怀仁市", Tier.Municipal, [], After),
            BrandQuotas.Town(rules, 3, "山阴乳品", "山西省/朔州市/山阴县", Tier.Municipal, ["丙"], After),
            BrandQuotas.Town(rules, 4, "平鲁小杂粮", "山西省/朔州市/平鲁区", Tier.Reserve, ["丁"], After),
        };
        var rollup = BrandQuotas.Rollup(towns);
        rollup.Select(a => (a.Path, a.Depth, a.Towns, a.Required, a.Met, a.Brands, a.Shortfall)).ShouldBe([
            ("山西省", 0, 3, 3, 2, 3, 1),
            ("山西省/朔州市", 1, 3, 3, 2, 3, 1),
            ("山西省/朔州市/山阴县", 2, 1, 1, 1, 1, 0),
            ("山西省/朔州市/怀仁市", 2, 2, 2, 1, 2, 1),
        ]);
    }
}

public class GeoIndicationTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static GeoIndicationApplication App(GeoIndicationStatus status, DateOnly since) =>
        new() { Name = "朔州陶瓷", Product = "陶瓷", Applicant = "协会", Status = status, StatusSince = since };

    [Fact]
    public void An_application_moves_forward_may_skip_steps_but_not_go_back_and_is_final_once_granted()
    {
        var app = App(GeoIndicationStatus.Preparing, new DateOnly(2024, 1, 1));
        app.Move(GeoIndicationStatus.Accepted, new DateOnly(2024, 6, 1), Today, null, null, "甲").ShouldBeNull();
        app.SubmittedOn.ShouldBe(new DateOnly(2024, 6, 1));
        app.Move(GeoIndicationStatus.Submitted, new DateOnly(2024, 7, 1), Today, null, null, "甲").ShouldBe("不能从“已受理”退回“已提交”");
        app.Move(GeoIndicationStatus.Approved, new DateOnly(2024, 5, 1), Today, "第123号", null, "甲").ShouldStartWith("变更日期不能早于");
        app.Move(GeoIndicationStatus.Approved, new DateOnly(2025, 7, 1), Today, "第123号", null, "甲").ShouldBe("变更日期不能晚于今天");
        app.Move(GeoIndicationStatus.Approved, new DateOnly(2025, 1, 8), Today, " ", null, "甲").ShouldBe("获批时请填写注册号或公告号");
        app.Move(GeoIndicationStatus.Approved, new DateOnly(2025, 1, 8), Today, "第123号", null, "甲").ShouldBeNull();
        (app.Status, app.ApprovedOn, app.RegistrationNumber).ShouldBe((GeoIndicationStatus.Approved, new DateOnly(2025, 1, 8), "第123号"));
        app.Move(GeoIndicationStatus.Withdrawn, Today, Today, null, "误登", "甲").ShouldBe("地理标志已获批，状态不能再变更");
        app.History.Select(h => h.To).ShouldBe([GeoIndicationStatus.Accepted, GeoIndicationStatus.Approved]);
    }

    [Fact]
    public void Rejection_and_withdrawal_need_a_reason_and_a_refused_application_can_only_start_again()
    {
        var app = App(GeoIndicationStatus.Preparing, new DateOnly(2024, 1, 1));
        app.Move(GeoIndicationStatus.Rejected, new DateOnly(2024, 2, 1), Today, null, "材料不全", "甲").ShouldBe("尚未提交的申请不会被驳回，请选择“撤回”");
        app.Move(GeoIndicationStatus.Submitted, new DateOnly(2024, 2, 1), Today, null, null, "甲").ShouldBeNull();
        app.Move(GeoIndicationStatus.Rejected, new DateOnly(2024, 9, 1), Today, null, "  ", "甲").ShouldBe("驳回或撤回，请说明原因");
        app.Move(GeoIndicationStatus.Rejected, new DateOnly(2024, 9, 1), Today, null, "产地范围依据不足", "甲").ShouldBeNull();
        app.Move(GeoIndicationStatus.Accepted, new DateOnly(2024, 10, 1), Today, null, null, "甲").ShouldBe("已驳回或撤回的申请只能重新筹备或重新提交");
        app.Move(GeoIndicationStatus.Submitted, new DateOnly(2025, 2, 1), Today, null, null, "甲").ShouldBeNull();
        app.SubmittedOn.ShouldBe(new DateOnly(2025, 2, 1), "a new submission restarts the clock");
    }
}
