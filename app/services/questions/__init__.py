"""The guide's questions and the question engine: the handreiking's content, one class per question type, and reading and judging answers. Used by the wizard, surveys, zelfscan and projects."""
