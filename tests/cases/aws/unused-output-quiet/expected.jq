.groups == [] and .interfaces == [] and .rules == []
