namespace SpecializedTowns.Core.Projects;

/// <summary>
/// "三个一批" (集中签约、开工、投产一批): a dated event of a jurisdiction with the projects in it
/// (新政办发〔2023〕33号 二3 "持续推动项目开工、签约、投产'三个一批'活动").
/// </summary>
public sealed class ProjectBatch
{
    public int Id { get; set; }
    public int JurisdictionId { get; set; }

    /// <summary>Signed, Started or InProduction: the stage the projects in the batch reach on its date.</summary>
    public ProjectStage Kind { get; set; }

    public DateOnly HeldOn { get; set; }
    public string Title { get; set; } = "";
    public string? Location { get; set; }
    public bool IsDemo { get; set; }
    public List<ProjectBatchItem> Items { get; set; } = [];

    public static readonly ProjectStage[] Kinds = [ProjectStage.Signed, ProjectStage.Started, ProjectStage.InProduction];

    public static string Chinese(ProjectStage kind) => kind switch
    {
        ProjectStage.Signed => "集中签约",
        ProjectStage.Started => "集中开工",
        _ => "集中投产",
    };
}

public sealed class ProjectBatchItem
{
    public int BatchId { get; set; }
    public int ProjectId { get; set; }
}
