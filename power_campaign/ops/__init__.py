"""Operations: the health endpoint, structured request logs, backup and restore."""
