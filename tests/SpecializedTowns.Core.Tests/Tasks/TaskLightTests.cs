using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Core.Tests.Tasks;

public class TaskLightTests
{
    private static readonly DateOnly Deadline = new(2024, 6, 30);
    private const int Soon = 15;

    [Theory]
    [InlineData("2024-07-01", "overdue")]   // the day after the deadline
    [InlineData("2024-06-30", "due-soon")]  // the deadline itself is not late yet
    [InlineData("2024-06-15", "due-soon")]  // exactly 15 days before
    [InlineData("2024-06-14", "on-track")]  // 16 days before
    public void A_started_item_by_the_days_left(string today, string expected)
    {
        TaskLights.Key(TaskLights.Of(Deadline, done: false, started: true, DateOnly.Parse(today), Soon)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2024-06-14", "not-started")]
    [InlineData("2024-06-15", "due-soon")]
    [InlineData("2024-07-01", "overdue")]
    public void Not_started_is_grey_until_the_deadline_comes_near(string today, string expected)
    {
        TaskLights.Key(TaskLights.Of(Deadline, done: false, started: false, DateOnly.Parse(today), Soon)).ShouldBe(expected);
    }

    [Fact]
    public void Done_is_done_even_long_after_the_deadline()
    {
        TaskLights.Of(Deadline, done: true, started: true, new DateOnly(2025, 1, 1), Soon).ShouldBe(TaskLight.Done);
    }

    [Fact]
    public void The_number_of_days_is_configurable()
    {
        TaskLights.Of(Deadline, false, true, new DateOnly(2024, 6, 20), 5).ShouldBe(TaskLight.OnTrack);
        TaskLights.Of(Deadline, false, true, new DateOnly(2024, 6, 25), 5).ShouldBe(TaskLight.DueSoon);
        TaskLights.Of(Deadline, false, true, new DateOnly(2024, 6, 30), 0).ShouldBe(TaskLight.DueSoon);
    }

    [Fact]
    public void A_task_is_as_late_as_its_latest_open_milestone()
    {
        var task = new PlanTask
        {
            Deadline = new DateOnly(2024, 12, 31),
            Milestones =
            [
                new Milestone { Id = 1, Deadline = new DateOnly(2024, 3, 31), Progress = 100, DoneOn = new DateOnly(2024, 3, 20) },
                new Milestone { Id = 2, Deadline = new DateOnly(2024, 6, 30), Progress = 40 },
            ],
        };
        TaskLights.Of(task, new DateOnly(2024, 5, 1), Soon).ShouldBe(TaskLight.OnTrack);
        TaskLights.Of(task, new DateOnly(2024, 6, 20), Soon).ShouldBe(TaskLight.DueSoon);
        TaskLights.Of(task, new DateOnly(2024, 7, 1), Soon).ShouldBe(TaskLight.Overdue);
        // A done milestone past its deadline does not colour the task.
        task.Milestones[1].Deadline = new DateOnly(2024, 11, 30);
        TaskLights.Of(task, new DateOnly(2024, 7, 1), Soon).ShouldBe(TaskLight.OnTrack);
    }

    [Fact]
    public void China_today_turns_at_midnight_beijing_time()
    {
        TaskLights.ChinaToday(new DateTimeOffset(2024, 6, 30, 15, 59, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2024, 6, 30));
        TaskLights.ChinaToday(new DateTimeOffset(2024, 6, 30, 16, 0, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2024, 7, 1));
    }

    /// <summary>A status filter reads the 任务状态 code list (decision 0017): the code in any case, or the Chinese name.</summary>
    [Theory]
    [InlineData("overdue", TaskLight.Overdue)]
    [InlineData("DueSoon", TaskLight.DueSoon)]
    [InlineData("ON-TRACK", TaskLight.OnTrack)]
    [InlineData("未开始", TaskLight.NotStarted)]
    [InlineData("已完成", TaskLight.Done)]
    public void Status_words_parse(string text, TaskLight light) => CodeLists.ValueOrNull<TaskLight>(text).ShouldBe(light);

    [Theory]
    [InlineData("purple")]
    [InlineData("3")]
    public void An_unknown_status_word_is_refused(string text) => CodeLists.ValueOrNull<TaskLight>(text).ShouldBeNull();
}
