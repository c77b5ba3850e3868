namespace SpecializedTowns.Data.Audit;

/// <summary>
/// The Chinese names the audit page and the history tabs show for kinds of record and their fields. A field missing
/// here shows under its code name: add it here, in one place, rather than in a page.
/// </summary>
public static class AuditNames
{
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["SpecializedTown"] = "专业镇", ["TownTownship"] = "专业镇所含乡镇", ["TierChange"] = "梯次变更", ["TownAnnualStatistics"] = "专业镇年度统计",
        ["Brand"] = "品牌", ["IndustryStandardRecord"] = "标准", ["Enterprise"] = "企业", ["EnterpriseDesignation"] = "企业认定称号",
        ["EnterpriseAnnualStatistics"] = "企业年度统计", ["RecognitionApplication"] = "认定申报", ["ApplicationEvent"] = "申报流转记录", ["ApplicationAttachment"] = "申报附件",
        ["ApplicationExpert"] = "评审专家", ["ExpertAssignment"] = "评审专家分配", ["ExpertScore"] = "专家评分", ["Unit"] = "单位", ["KeyProject"] = "重点项目",
        ["ProjectProgress"] = "项目月度进展", ["ElementGuarantee"] = "要素保障", ["ProjectStageChange"] = "项目阶段变更", ["ProjectBatch"] = "三个一批",
        ["ProjectBatchItem"] = "三个一批项目", ["InvestmentLead"] = "招商引资项目", ["Problem"] = "问题", ["ProblemEvent"] = "问题处理记录",
        ["ProblemCooperatingUnit"] = "问题配合单位", ["UnitFormerName"] = "单位曾用名", ["ActionPlan"] = "年度行动计划", ["TaskGroup"] = "任务分组", ["PlanTask"] = "重点任务",
        ["TaskUnit"] = "任务责任单位", ["Milestone"] = "任务节点", ["ProgressNote"] = "任务进展", ["ExtensionRequest"] = "延期申请",
        ["TaskForce"] = "专班", ["TaskForceUnit"] = "专班成员单位", ["TaskForceTownship"] = "专班所含乡镇", ["MonthlyReport"] = "专班月报",
        ["ReportStep"] = "月报流转记录", ["AnnualEvaluation"] = "年度评估", ["EvaluationResult"] = "评估结果", ["ManualScore"] = "人工评分",
        ["ProductMarketRank"] = "产品市场排名", ["Notice"] = "督办通知书", ["NoticeItem"] = "督办事项", ["NoticeEvent"] = "督办流转记录",
        ["NoticeAction"] = "逾期处理", ["NoticeFile"] = "整改佐证", ["AppUser"] = "用户", ["IdentityUserRole`1"] = "用户角色",
        ["Jurisdiction"] = "行政区划", ["PolicyDocumentRecord"] = "政策文件",
        ["FundGrant"] = "资金奖补", ["WhiteListEntry"] = "融资白名单", ["Financing"] = "白名单贷款/担保", ["ListingCandidate"] = "上市后备企业",
        ["ListingStageChange"] = "上市后备阶段变更", ["GeoIndicationApplication"] = "地理标志申请", ["GeoIndicationStatusChange"] = "地理标志申请状态变更",
        ["TrainingProgramme"] = "人才培训项目", ["Talent"] = "人才",
        ["ServicePlatform"] = "公共服务平台", ["ServicePlatformFunction"] = "平台功能", ["TradeEvent"] = "展会活动", ["TradeEventTown"] = "活动相关专业镇",
        ["EventParticipant"] = "参展企业", ["ThresholdValue"] = "认定标准数值",
    };

    private static readonly Dictionary<string, string> Fields = new()
    {
        // An enterprise's own industry, for the cluster mapping of 储备培育 (Data/Reserve).
        ["Industry"] = "所属产业", ["IndustryCategory"] = "产业领域",
        ["Name"] = "名称", ["Uscc"] = "统一社会信用代码", ["CountyId"] = "所属县（市、区）", ["TownshipId"] = "所属乡镇",
        ["SpecializedTownId"] = "所属专业镇", ["Role"] = "角色", ["IsAboveScale"] = "规上企业", ["IsDemo"] = "演示数据",
        ["Category"] = "产业类别", ["LeadingIndustry"] = "主导产业", ["LeadingProducts"] = "主导产品", ["Tier"] = "梯次",
        ["PolicyId"] = "政策文件", ["HistoricalOriginOrGeographicalIndication"] = "历史发源地或地理标志", ["LargeNationalMarketSpace"] = "国内市场空间大", ["Year"] = "年度",
        ["Month"] = "月份", ["OutputValueWanYuan"] = "年产值（万元）", ["RevenueWanYuan"] = "营业收入（万元）", ["TaxWanYuan"] = "税收（万元）",
        ["Employment"] = "从业人员（人）", ["ProvincialMarketSharePercent"] = "全省市场占有率（%）", ["CityMarketSharePercent"] = "全市市场占有率（%）", ["NationalMarketSharePercent"] = "全国市场占有率（%）",
        ["ExportWanYuan"] = "出口额（万元）", ["Patents"] = "专利数", ["PublicServicePlatforms"] = "公共服务平台数", ["LeadingEnterprises"] = "龙头企业数",
        ["SupportingEnterprises"] = "配套企业数", ["EnterpriseId"] = "企业", ["Kind"] = "类型", ["Level"] = "级别",
        ["Id"] = "编号", ["Code"] = "编号", ["Key"] = "认定类别", ["StandardId"] = "认定标准", ["EffectiveOn"] = "生效日期",
        ["DocumentNumber"] = "文号", ["Note"] = "备注", ["Notes"] = "备注", ["Description"] = "简介",
        ["TotalInvestmentWanYuan"] = "总投资（万元）", ["AnnualPlannedInvestmentWanYuan"] = "年度计划投资（万元）", ["PlanYear"] = "计划年度", ["ResponsibleUnitId"] = "责任单位",
        ["ResponsibleLeader"] = "责任领导", ["Stage"] = "阶段", ["PlannedSignedOn"] = "计划签约日期", ["SignedOn"] = "签约日期",
        ["PlannedStartOn"] = "计划开工日期", ["StartedOn"] = "开工日期", ["PlannedProductionOn"] = "计划投产日期", ["InProductionOn"] = "投产日期",
        ["PlannedTargetOn"] = "计划达效日期", ["AtTargetOn"] = "达效日期", ["OwnerEnterpriseId"] = "业主企业", ["OwnerName"] = "业主单位",
        ["ProjectId"] = "项目", ["InvestmentCompletedWanYuan"] = "完成投资（万元）", ["PhysicalProgress"] = "形象进度", ["Difficulties"] = "困难和问题",
        ["ProblemId"] = "问题", ["ReportedBy"] = "填报人", ["ReportedAtUtc"] = "填报时间", ["Status"] = "状态",
        ["State"] = "状态", ["UnitId"] = "单位", ["UpdatedAtUtc"] = "更新时间", ["CreatedAtUtc"] = "创建时间",
        ["From"] = "原阶段", ["To"] = "新阶段", ["On"] = "日期", ["UserName"] = "用户名",
        ["DisplayName"] = "姓名", ["Title"] = "标题", ["Subject"] = "事项", ["Deadline"] = "期限",
        ["OriginalDeadline"] = "原定期限", ["Text"] = "内容", ["Content"] = "内容", ["Progress"] = "进展",
        ["Points"] = "得分", ["Weight"] = "权重", ["Rank"] = "名次", ["Total"] = "总分",
        ["Commended"] = "表扬", ["Supervised"] = "督办", ["Measures"] = "指标值", ["Reason"] = "理由",
        ["Comment"] = "意见", ["Decision"] = "决定", ["DecisionNote"] = "决定说明", ["DecisionDocumentNumber"] = "决定文号",
        ["DecidedAtUtc"] = "决定时间", ["DecidedBy"] = "决定人", ["SubmittedAtUtc"] = "提交时间", ["SubmittedOn"] = "提交日期",
        ["ReturnReason"] = "退回理由", ["FactsJson"] = "申报数据", ["TargetTier"] = "申报梯次", ["PreCheckOutcome"] = "预审结论",
        ["PublicityEndsOn"] = "公示截止日期", ["ExpertUserId"] = "评审专家", ["Evidence"] = "佐证材料", ["FileName"] = "文件名",
        ["ContentType"] = "文件类型", ["Size"] = "大小（字节）", ["LeadUnitId"] = "牵头单位", ["PlanId"] = "行动计划",
        ["GroupId"] = "任务分组", ["BatchId"] = "三个一批", ["TaskId"] = "任务", ["MilestoneId"] = "节点", ["DoneOn"] = "完成日期",
        ["ReachedOn"] = "完成日期", ["RequestedDeadline"] = "申请延期至", ["PreviousDeadline"] = "原期限", ["RequestedBy"] = "申请人",
        ["RequestedAtUtc"] = "申请时间", ["HandledAtUtc"] = "处理时间", ["Position"] = "序号", ["SortOrder"] = "排序",
        ["Number"] = "编号", ["TaskForceId"] = "专班", ["ReportId"] = "月报", ["OwnProgress"] = "本月进展",
        ["NextMonthPlan"] = "下月计划", ["OutputYtdWanYuan"] = "累计产值（万元）", ["InvestmentYtdWanYuan"] = "累计投资（万元）", ["OutputYtdExplanation"] = "产值说明",
        ["InvestmentYtdExplanation"] = "投资说明", ["NewMarketEntities"] = "新增市场主体", ["NewAboveScaleEnterprises"] = "新增规上企业", ["ReportedByUserId"] = "填报人（账号）",
        ["Source"] = "来源", ["RaisedBy"] = "提出人", ["RaisedAtUtc"] = "提出时间", ["Detail"] = "详情",
        ["ClosedAtUtc"] = "办结时间", ["Channel"] = "渠道", ["Contact"] = "联系人", ["ContactName"] = "联系人",
        ["ContactPhone"] = "联系电话", ["Product"] = "产品", ["IntendedInvestmentWanYuan"] = "意向投资（万元）", ["FirstContactOn"] = "首次接洽日期",
        ["LandedOn"] = "落地日期", ["DropReason"] = "放弃原因", ["ChainLink"] = "产业链环节", ["ChainPosition"] = "产业链位置",
        ["TargetEnterprise"] = "目标企业", ["Location"] = "所在地", ["Place"] = "地点", ["HeldOn"] = "日期",
        ["IssuedOn"] = "发文日期", ["IssuingOffice"] = "发文机关", ["Basis"] = "依据", ["Addressee"] = "主送",
        ["CopyTo"] = "抄送", ["RecipientName"] = "整改对象", ["RecipientKind"] = "对象类型", ["Finding"] = "问题",
        ["RectifiedAtUtc"] = "整改完成时间", ["VerifiedAtUtc"] = "核验时间", ["VerifiedBy"] = "核验人", ["TakenOn"] = "采取日期",
        ["EvaluationId"] = "年度评估", ["SchemeName"] = "指标体系", ["PublishedAtUtc"] = "发布时间", ["PublishedBy"] = "发布人",
        ["CalculatedAtUtc"] = "计算时间", ["IndicatorKey"] = "指标", ["CriterionKey"] = "条件", ["CurrentValue"] = "现值",
        ["TargetValue"] = "目标值", ["Met"] = "是否达到", ["Band"] = "档次", ["Path"] = "区划路径",
        ["ParentId"] = "上级", ["JurisdictionId"] = "行政区划", ["JurisdictionName"] = "行政区划", ["Version"] = "版本",
        ["PasswordHash"] = "密码", ["DisabledAtUtc"] = "停用时间", ["MustChangePassword"] = "须修改初始密码", ["LockoutEnd"] = "锁定至", ["AccessFailedCount"] = "登录失败次数", ["LockoutEnabled"] = "允许锁定",
        ["Email"] = "电子邮箱", ["PhoneNumber"] = "电话", ["RoleId"] = "角色", ["UserId"] = "用户",
        ["TownId"] = "专业镇", ["PackYaml"] = "政策包内容", ["LoadedAtUtc"] = "载入时间", ["ApplicationId"] = "认定申报",
        ["FundName"] = "资金名称", ["PolicyPackId"] = "政策文件", ["ClauseSource"] = "政策条款", ["AmountWanYuan"] = "金额（万元）",
        ["GrantedOn"] = "日期", ["Purpose"] = "资金用途", ["ExpectedOutcome"] = "预期成效", ["TargetUnit"] = "目标单位",
        ["CreatedBy"] = "登记人", ["RecommendedBy"] = "推荐单位", ["RecommendedOn"] = "推荐日期", ["FinancingNeedWanYuan"] = "融资需求（万元）",
        ["WhiteListEntryId"] = "白名单", ["Institution"] = "银行/担保机构", ["TermMonths"] = "期限（月）", ["AdmittedOn"] = "入库日期",
        ["TargetBoard"] = "拟上市板块", ["ListingCandidateId"] = "上市后备企业", ["By"] = "操作人",
        ["Honour"] = "品牌荣誉", ["Applicant"] = "申请人", ["StatusSince"] = "状态日期", ["ApprovedOn"] = "获批日期",
        ["RegistrationNumber"] = "注册号/公告号", ["BrandId"] = "品牌", ["GeoIndicationApplicationId"] = "地理标志申请",
        // 人才培训 and 人才 (Data/Support/TrainingProgrammes.cs, Talents.cs).
        // Shared by 人才培训 (开班/结业, 承办院校) and 展会活动 (举办日期, 主办单位).
        ["Mode"] = "方式", ["Organiser"] = "主办/承办单位", ["OrganiserKind"] = "承办单位类型", ["StartOn"] = "开始日期",
        ["EndOn"] = "结束日期", ["Trainees"] = "培训人数", ["Employed"] = "培训后就业人数", ["SubsidyWanYuan"] = "补贴金额（万元）",
        ["Employer"] = "工作单位", ["Honours"] = "荣誉与表彰",
        ["Operator"] = "运营主体", ["OperatorKind"] = "运营主体类型", ["EstablishedYear"] = "建成年份",
        ["Function"] = "功能", ["ServedYear"] = "服务统计年度", ["EnterprisesServed"] = "服务企业（家次）", ["ServicePlatformId"] = "公共服务平台",
        ["TradeEventId"] = "展会活动",
        ["IntendedWanYuan"] = "意向签约额（万元）", ["DealWanYuan"] = "成交额（万元）",
        // Workflow steps (问题、督办、月报、申报的流转记录): times are shown in China time, so “时间”, not UTC.
        ["Action"] = "操作", ["AtUtc"] = "时间", ["OnBehalf"] = "代为办理", ["ItemPosition"] = "事项序号",
        ["CreatedByUserId"] = "创建人（账号）", ["RaisedByUserId"] = "提出人（账号）", ["RequestedByUserId"] = "申请人（账号）", ["DecidedByUserId"] = "决定人（账号）",
        ["UploadedByUserId"] = "上传人（账号）", ["RecordedByUserId"] = "记录人（账号）", ["UploadedBy"] = "上传人", ["UploadedAtUtc"] = "上传时间",
        ["RecordedBy"] = "记录人", ["RecordedAtUtc"] = "记录时间", ["GivenBy"] = "评分人", ["GivenAtUtc"] = "评分时间",
        ["UpdatedBy"] = "更新人", ["RequestedByUnit"] = "申请单位", ["UnitName"] = "单位名称", ["AttachmentId"] = "附件",
        ["AcceptedAtUtc"] = "受理时间", ["AnsweredAtUtc"] = "答复时间", ["LatestAnswer"] = "最新答复", ["FirstSubmittedAtUtc"] = "首次报送时间",
        ["ReopenedUntil"] = "重新开放至", ["ReportsFrom"] = "月报起始月份", ["KeyProjectId"] = "对应重点项目", ["JobTitle"] = "职称",
        ["RankingSource"] = "排名来源", ["PanelConclusionJson"] = "专家组结论",
        // 专班月报's own figures.
        ["OutputWanYuan"] = "当月产值（万元）", ["OutputExplanation"] = "产值说明", ["OutputYearToDateWanYuan"] = "累计产值（万元）",
        ["OutputYearToDateExplanation"] = "累计产值说明", ["InvestmentYearToDateWanYuan"] = "累计投资（万元）", ["InvestmentYearToDateExplanation"] = "累计投资说明",
        ["Employees"] = "从业人员（人）",
        // 督办通知书: its number's parts and to whom it goes.
        ["NoticeId"] = "督办通知书", ["NoticeItemId"] = "督办事项", ["IssuingJurisdictionId"] = "发文行政区划", ["NumberPrefix"] = "文号前缀", ["NumberYear"] = "文号年份",
        ["NumberSequence"] = "文号序号", ["OverdueConsequence"] = "逾期后果", ["RecipientAreaId"] = "整改对象所在地", ["RecipientTownId"] = "整改对象（专业镇）",
        ["RecipientTownshipId"] = "整改对象（乡镇）", ["RecipientUnitId"] = "整改对象（单位）",
        // 年度评估.
        ["AreaPath"] = "评估范围", ["PackId"] = "政策包", ["SchemeId"] = "指标体系编号", ["SchemeIsPlatformDefault"] = "使用平台默认指标体系",
        ["SchemeJson"] = "指标体系内容", ["DetailJson"] = "得分明细", ["SubjectId"] = "评估对象编号", ["SubjectKey"] = "评估对象",
        ["SubjectName"] = "评估对象名称", ["DocumentDate"] = "成文日期",
        // 系统 → 单位: a name a unit had, and what the audit says of a step as a whole (合并单位：…).
        ["MergedUnitId"] = "并入前的单位", [AuditNote.Field] = "说明",
        // 认定标准数值 (decision 0021): a number entered where the standard's text gives none, and who replaced it.
        ["Value"] = "数值", ["Unit"] = "计量单位", ["EnteredBy"] = "录入人", ["EnteredAtUtc"] = "录入时间",
        ["SupersededBy"] = "替换人", ["SupersededAtUtc"] = "替换时间",
        // Accounts.
        ["EmailConfirmed"] = "邮箱已验证", ["PhoneNumberConfirmed"] = "电话已验证", ["TwoFactorEnabled"] = "两步验证",
    };

    /// <summary>Fields that store a code word rather than a name, with the names the pages show for them.</summary>
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Codes = new()
    {
        ["PreCheckOutcome"] = Core.Recognition.Results.Chinese,
    };

    /// <summary>
    /// Fields that keep a code of a 字典 list as the API writes it (specialty-agriculture, specialized), named from that list
    /// when shown. Unlike <see cref="Codes"/> they are recorded as they are: an import writes them for a hundred thousand rows.
    /// </summary>
    private static readonly Dictionary<string, Core.Dictionaries.CodeList> Lists = new()
    {
        ["Category"] = Core.Dictionaries.CodeLists.IndustryCategory, ["IndustryCategory"] = Core.Dictionaries.CodeLists.IndustryCategory,
        ["Key"] = Core.Dictionaries.CodeLists.Designation,
    };

    /// <summary>The 字典 name of a code kept in a field, or null when the field keeps none or the value is not one (a name already).</summary>
    public static string? Listed(string field, string value) =>
        Lists.TryGetValue(field, out var list) && list.Entries.FirstOrDefault(e => e.Code == value) is { } entry ? entry.Name : null;

    /// <summary>The Chinese name of a code word stored in a field, or null when the field holds no codes or the word is not one.</summary>
    public static string? Code(string field, string value) =>
        Codes.TryGetValue(field, out var names) && names.TryGetValue(value, out var name) ? name : null;

    public static string Type(string entityType) => Types.TryGetValue(entityType, out var name) ? name : entityType;

    /// <summary>
    /// The Chinese name of a field of a kind of record. Only an account's UserName is a sign-in name (用户名); the workflow
    /// steps (问题处理记录、督办流转记录、月报流转记录、项目阶段变更…) keep in theirs the name of whoever acted, as shown to people.
    /// </summary>
    public static string Field(string entityType, string field) =>
        field == "UserName" && entityType != "AppUser" ? "操作人" : Fields.TryGetValue(field, out var name) ? name : field;
}
