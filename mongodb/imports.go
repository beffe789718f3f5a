package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.ImportJobs = (*Store)(nil)

// importRecord is a job as the import_jobs collection holds it: the job's fields, its
// summary and report JSON as strings (readable in the shell) and its report CSV as binary.
type importRecord struct {
	xiaoqi.ImportJob `bson:",inline"`
	Summary          string `bson:"summary,omitempty"`
	Report           string `bson:"report,omitempty"`
	ReportCSV        []byte `bson:"report_csv,omitempty"`
}

// PutImportJob implements xiaoqi.ImportJobs with one upsert that sets every field but
// cancel_requested (unless the job sets it), so that a runner's write does not undo a cancel
// asked for on another node in between.
func (s *Store) PutImportJob(ctx context.Context, j *xiaoqi.ImportJob) error {
	if err := j.Validate(); err != nil {
		return err
	}
	data, err := bson.Marshal(importRecord{ImportJob: *j, Summary: string(j.Summary), Report: string(j.Report), ReportCSV: j.ReportCSV})
	if err != nil {
		return fmt.Errorf("mongodb: encode import job: %w", err)
	}
	var doc bson.D
	if err := bson.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("mongodb: encode import job: %w", err)
	}
	set := bson.D{}
	for _, e := range doc {
		if e.Key == "_id" || (e.Key == "cancel_requested" && !j.CancelRequested) {
			continue
		}
		set = append(set, e)
	}
	update := bson.D{{Key: "$set", Value: set}}
	unset := bson.D{}
	if len(j.Summary) == 0 {
		unset = append(unset, bson.E{Key: "summary", Value: ""})
	}
	if len(j.Report) == 0 {
		unset = append(unset, bson.E{Key: "report", Value: ""})
	}
	if len(j.ReportCSV) == 0 {
		unset = append(unset, bson.E{Key: "report_csv", Value: ""})
	}
	if len(unset) > 0 {
		update = append(update, bson.E{Key: "$unset", Value: unset})
	}
	coll := s.db.Collection(importsCollection)
	if _, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: j.ID}}, update, options.UpdateOne().SetUpsert(true)); err != nil {
		return translate("put import job", err)
	}
	// Then the flag alone (findAndModify would return the whole report, and FerretDB does
	// not project it).
	var stored struct {
		CancelRequested bool `bson:"cancel_requested"`
	}
	err = coll.FindOne(ctx, bson.D{{Key: "_id", Value: j.ID}}, options.FindOne().SetProjection(bson.D{{Key: "cancel_requested", Value: 1}})).Decode(&stored)
	if err != nil {
		return translate("put import job", err)
	}
	j.CancelRequested = stored.CancelRequested
	return nil
}

// ImportJob implements xiaoqi.ImportJobs.
func (s *Store) ImportJob(ctx context.Context, id string) (*xiaoqi.ImportJob, error) {
	var r importRecord
	err := s.db.Collection(importsCollection).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, importJobNotFound(id)
	} else if err != nil {
		return nil, translate("get import job", err)
	}
	return r.job(), nil
}

// ImportJobs implements xiaoqi.ImportJobs.
func (s *Store) ImportJobs(ctx context.Context) ([]*xiaoqi.ImportJob, error) {
	cur, err := s.db.Collection(importsCollection).Find(ctx, bson.D{}, options.Find().
		SetSort(bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}}).
		SetProjection(bson.D{{Key: "report", Value: 0}, {Key: "report_csv", Value: 0}}))
	if err != nil {
		return nil, translate("list import jobs", err)
	}
	var recs []importRecord
	if err := cur.All(ctx, &recs); err != nil {
		return nil, translate("list import jobs", err)
	}
	jobs := make([]*xiaoqi.ImportJob, 0, len(recs))
	for i := range recs {
		jobs = append(jobs, recs[i].job())
	}
	return jobs, nil
}

// RequestImportCancel implements xiaoqi.ImportJobs.
func (s *Store) RequestImportCancel(ctx context.Context, id string) error {
	res, err := s.db.Collection(importsCollection).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "cancel_requested", Value: true}}}})
	if err != nil {
		return translate("cancel import job", err)
	} else if res.MatchedCount == 0 {
		return importJobNotFound(id)
	}
	return nil
}

// DeleteImportJob implements xiaoqi.ImportJobs.
func (s *Store) DeleteImportJob(ctx context.Context, id string) error {
	res, err := s.db.Collection(importsCollection).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return translate("delete import job", err)
	} else if res.DeletedCount == 0 {
		return importJobNotFound(id)
	}
	return nil
}

func (r *importRecord) job() *xiaoqi.ImportJob {
	j := r.ImportJob
	if r.Summary != "" {
		j.Summary = []byte(r.Summary)
	}
	if r.Report != "" {
		j.Report = []byte(r.Report)
	}
	if len(r.ReportCSV) > 0 {
		j.ReportCSV = r.ReportCSV
	}
	return &j
}

func importJobNotFound(id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %q 不存在 / no import job %q", id, id)
}
