// Generates large sprints for the fake ClickUp server, for archive tests and benchmarks.
//
// Every generated task is a copy of a template task (a fixture task with every field set)
// with its own id, name, parent and checklist, so it passes the fake's create-task checks
// when copied to a list with the fixture's custom fields.
#pragma once

#include <string>
#include <vector>

#include "fakes/fake_server.h"

namespace sprintetl::fakes {

struct GeneratedSprintOptions {
  std::string list_id;  // the sprint list the tasks belong to
  int count = 100;
  int subtasks_every = 10;   // each n-th task gets the next two tasks as subtasks (0: none)
  int checklist_every = 20;  // each n-th task carries a checklist of two items (0: none)
};

// Returns `options.count` tasks, every parent before its subtasks, with ids 86g000001,
// 86g000002, ... Fails the generation (an empty vector) when `template_task` is not an object.
std::vector<Json> GenerateSprintTasks(const Json& template_task,
                                      const GeneratedSprintOptions& options);

// Returns the task 86c0a1b01 of the recorded Sprint 41 pages: every field set.
Json FullTaskTemplate();

}  // namespace sprintetl::fakes
