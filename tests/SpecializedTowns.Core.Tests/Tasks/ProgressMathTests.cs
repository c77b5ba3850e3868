using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Core.Tests.Tasks;

public class ProgressMathTests
{
    private static Milestone M(int progress, decimal weight = 1m) => new() { Progress = progress, Weight = weight, DoneOn = progress == 100 ? new DateOnly(2024, 3, 1) : null };

    private static PlanTask T(decimal weight, int own, params Milestone[] milestones) => new() { Weight = weight, OwnProgress = own, Milestones = [.. milestones] };

    [Fact]
    public void Milestones_roll_up_to_the_task_by_weight()
    {
        // 100×1 + 50×3 = 250 of 4 → 62.5
        T(1, 0, M(100, 1), M(50, 3)).Progress.ShouldBe(62.5m);
        ProgressMath.Percent(62.5m).ShouldBe(62);
    }

    [Fact]
    public void Equal_weights_are_a_plain_average()
    {
        T(1, 0, M(100), M(0), M(50)).Progress.ShouldBe(50m);
    }

    [Fact]
    public void A_task_without_milestones_uses_its_own_progress_and_ignores_it_once_it_has_some()
    {
        T(1, 40).Progress.ShouldBe(40m);
        T(1, 40, M(0)).Progress.ShouldBe(0m);
    }

    [Fact]
    public void Zero_weights_do_not_count_unless_all_are_zero()
    {
        T(1, 0, M(100, 0), M(20, 2)).Progress.ShouldBe(20m);
        T(1, 0, M(100, 0), M(20, 0)).Progress.ShouldBe(60m, "all weights zero: the parts count equally instead of dividing by zero");
        ProgressMath.Weighted([]).ShouldBe(0m);
    }

    [Fact]
    public void Negative_weights_and_out_of_range_progress_are_clamped()
    {
        ProgressMath.Weighted([(-5m, 100m), (1m, 50m)]).ShouldBe(50m);
        ProgressMath.Weighted([(1m, 150m)]).ShouldBe(100m);
    }

    [Fact]
    public void All_done_is_exactly_100_and_anything_less_never_shows_as_100()
    {
        T(1, 0, M(100, 1), M(100, 7)).Progress.ShouldBe(100m);
        ProgressMath.Percent(99.9m).ShouldBe(99);
        ProgressMath.Percent(100m).ShouldBe(100);
    }

    [Fact]
    public void Tasks_roll_up_to_groups_and_groups_to_the_plan()
    {
        var a = T(2, 100);
        var b = T(1, 40);
        var c = T(1, 0, M(50), M(50));
        var g1 = new TaskGroup { Weight = 1 };
        var g2 = new TaskGroup { Weight = 3 };
        var empty = new TaskGroup { Weight = 100 };
        ProgressMath.OfGroup([a, b]).ShouldBe(80m); // (200 + 40) / 3
        ProgressMath.OfGroup([c]).ShouldBe(50m);
        ProgressMath.OfGroup([]).ShouldBe(0m);
        // (80×1 + 50×3) / 4 = 57.5; the group without tasks is left out, not counted as 0.
        ProgressMath.OfPlan([(g1, [a, b]), (g2, [c]), (empty, [])]).ShouldBe(57.5m);
    }
}
