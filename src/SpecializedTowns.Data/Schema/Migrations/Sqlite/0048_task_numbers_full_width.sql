-- Version 48: task numbers in full-width brackets, as packs are now read and typed numbers saved (Core/Policies/ItemNumbers):
-- plans built from a pack before then kept the printed slip "(一)" beside "（三）" (垣政办发〔2023〕19号 四).
-- Never edit a released step: add a new one.

UPDATE plan_tasks
SET number = replace(replace(trim(number), '(', '（'), ')', '）')
WHERE number LIKE '%(%' OR number LIKE '%)%' OR number <> trim(number);
