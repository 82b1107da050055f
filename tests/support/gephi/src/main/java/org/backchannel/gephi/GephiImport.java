package org.backchannel.gephi;

import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Interval;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeMergeStrategy;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports a GEXF file the way Gephi's "Open" does and prints one line per edge:
 * id, source, target, edge type (the GEXF kind) and its intervals as ISO dates, tab-separated.
 * Usage: GephiImport file.gexf [default|keep-parallel] — "keep-parallel" is the import dialog's
 * "Edges merge strategy: Don't merge", which the download dialog tells Gephi users to choose.
 */
public final class GephiImport {
  public static void main(String[] args) throws Exception {
    File file = new File(args[0]);
    boolean keepParallel = args.length > 1 && args[1].equals("keep-parallel");
    ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
    pc.newProject();
    Workspace workspace = pc.getCurrentWorkspace();
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    Container container = importer.importFile(file);
    if (container == null) throw new IllegalStateException("Gephi could not import " + file);
    if (keepParallel) container.getLoader().setEdgesMergeStrategy(EdgeMergeStrategy.NO_MERGE);
    importer.process(container, new DefaultProcessor(), workspace);
    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    StringBuilder out = new StringBuilder();
    out.append("nodes\t").append(model.getGraph().getNodeCount()).append('\n');
    for (Edge e : model.getGraph().getEdges().toArray()) {
      StringBuilder spells = new StringBuilder();
      for (Interval i : e.getIntervals()) {
        if (spells.length() > 0) spells.append(',');
        spells.append(day(i.getLow())).append('/').append(day(i.getHigh()));
      }
      out.append("edge\t").append(e.getId()).append('\t').append(e.getSource().getId()).append('\t')
          .append(e.getTarget().getId()).append('\t').append(model.getEdgeTypeLabel(e.getType())).append('\t')
          .append(spells).append('\n');
    }
    System.out.print(out);
    System.out.flush();
    System.exit(0);
  }

  private static String day(double millis) {
    return Instant.ofEpochMilli((long) millis).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
